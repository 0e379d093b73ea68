using System.Text;
using Pushbox.Protocol.Commands.AirSyncBase;

namespace Pushbox.Protocol.Commands.ItemOperations;

/// <summary>The <c>Options</c> of a Fetch (MS-ASCMD 2.2.3.125.3), with the spec's defaults when absent.</summary>
/// <param name="Schema">
/// The properties named in <c>Schema</c> elements (tags such as <c>EasCodePages.EmailTags.Subject</c>), in document
/// order; empty: every property may be returned (MS-ASCMD_R3879). Mailbox items only (MS-ASCMD_R3878).
/// </param>
/// <param name="Range">The byte range the client can take; null: the whole item (MS-ASCMD_R3716). Attachments and documents only.</param>
/// <param name="UserName">The account to fetch a document library item with (up to 100 characters); null when absent.</param>
/// <param name="Password">
/// That account's password (up to 256 characters); null when absent. A secret: never log it. This record's
/// <see cref="object.ToString"/> masks it.
/// </param>
/// <param name="Body">
/// The body options: <c>airsyncbase:BodyPreference</c>, <c>airsyncbase:BodyPartPreference</c> (14.1+),
/// <c>airsync:MIMESupport</c> (absent means 0, never MIME, MS-ASCMD_R5880) and <c>rm:RightsManagementSupport</c> (14.1+).
/// </param>
public sealed record ItemOperationsFetchOptions(
    IReadOnlyList<ushort> Schema,
    ItemOperationsByteRange? Range,
    string? UserName,
    string? Password,
    ItemBodyOptions Body)
{
    /// <summary>No Options element: every default applies.</summary>
    public static ItemOperationsFetchOptions None { get; } = new([], null, null, null, ItemBodyOptions.None);

    /// <summary>
    /// Whether nothing but <see cref="Range"/> is set. With a FileReference, Range is the only valid option
    /// (MS-ASCMD_R3573, R3717); a handler answers anything more with <see cref="ItemOperationsStatus.ProtocolError"/>.
    /// </summary>
    public bool HasOnlyRange =>
        Schema.Count == 0 && UserName is null && Password is null
        && Body.BodyPreferences.Count == 0 && Body.BodyPartPreferences.Count == 0
        && Body.MimeSupport is null && Body.MimeTruncation is null && Body.Truncation is null && !Body.RightsManagementSupport;

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Schema = [").AppendJoin(", ", Schema.Select(tag => Pushbox.Wbxml.EasCodePages.Describe(tag))).Append(']');
        builder.Append(", Range = ").Append(Range?.ToString());
        builder.Append(", UserName = ").Append(UserName);
        builder.Append(", Password = ").Append(Password is null ? null : "***");
        builder.Append(", Body = ").Append(Body);
        return true;
    }
}
