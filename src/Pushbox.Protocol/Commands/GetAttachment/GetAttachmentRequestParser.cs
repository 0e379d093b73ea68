namespace Pushbox.Protocol.Commands.GetAttachment;

/// <summary>
/// Reads a GetAttachment request from its decoded query (MS-ASCMD 2.2.1.7): the <c>AttachmentName</c> parameter,
/// from either query form (plain <c>AttachmentName=</c> or base64 tag 0). A body, which the command does not use
/// (MS-ASCMD_R161, MS-ASHTTP_R165), is not looked at. Pure: query in, request out.
/// </summary>
public static class GetAttachmentRequestParser
{
    /// <summary>Reads the request from <paramref name="query"/>.</summary>
    /// <param name="query">The request's decoded query; its command must be <see cref="EasCommand.GetAttachment"/>.</param>
    /// <exception cref="ArgumentException">The query is for another command (a caller bug).</exception>
    /// <exception cref="EasProtocolException">
    /// <see cref="EasProtocolError.MalformedQuery"/> when AttachmentName is missing or empty;
    /// <see cref="EasProtocolError.ParameterTooLong"/> when it is longer than <see cref="GetAttachmentRequest.MaxAttachmentNameLength"/>.
    /// </exception>
    public static GetAttachmentRequest Parse(Query.EasQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Command != EasCommand.GetAttachment)
        {
            throw new ArgumentException($"The query is for {query.Command}, not GetAttachment.", nameof(query));
        }

        string? name = query.AttachmentName;
        if (string.IsNullOrEmpty(name))
        {
            throw new EasProtocolException(EasProtocolError.MalformedQuery, "GetAttachment has no AttachmentName parameter");
        }

        if (name.EnumerateRunes().Count() > GetAttachmentRequest.MaxAttachmentNameLength)
        {
            throw new EasProtocolException(EasProtocolError.ParameterTooLong, $"AttachmentName is longer than {GetAttachmentRequest.MaxAttachmentNameLength} characters");
        }

        return new GetAttachmentRequest(name);
    }
}
