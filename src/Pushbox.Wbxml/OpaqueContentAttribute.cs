namespace Pushbox.Wbxml;

/// <summary>
/// Marks a tag constant whose content is binary: EAS sends it as OPAQUE, and its XML form is base64
/// (e.g. Email2 ConversationId, ComposeMail Mime).
/// </summary>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
public sealed class OpaqueContentAttribute : Attribute;
