using Microsoft.AspNetCore.Http;
using Pushbox.Protocol;

namespace Pushbox.Http.ActiveSync;

/// <summary>The one place that turns a malformed request into an HTTP status (MS-ASHTTP 2.2.2.1.1).</summary>
internal static class ProtocolErrorStatus
{
    public static int Of(EasProtocolError reason) => reason switch
    {
        EasProtocolError.BodyTooLarge => StatusCodes.Status413PayloadTooLarge,
        _ => StatusCodes.Status400BadRequest,
    };
}
