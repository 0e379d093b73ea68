namespace Pushbox.Testing.Eas;

/// <summary>One tag-length-value parameter at the end of a base64 query.</summary>
/// <param name="Tag">The tag byte; any value, so that a test can send an unknown one.</param>
/// <param name="Value">The value bytes; its length is written as one byte.</param>
public sealed record Base64QueryParameter(byte Tag, ReadOnlyMemory<byte> Value)
{
    /// <summary>A parameter with a UTF-8 text value.</summary>
    public static Base64QueryParameter Text(Base64QueryTag tag, string value) =>
        new((byte)tag, System.Text.Encoding.UTF8.GetBytes(value ?? throw new ArgumentNullException(nameof(value))));
}
