namespace Pushbox.Http.Security;

/// <summary>What <see cref="BasicCredentials.Parse"/> made of an Authorization header.</summary>
internal enum BasicParseStatus
{
    /// <summary>A user name and password were read.</summary>
    Parsed,

    /// <summary>No header, or an empty one.</summary>
    Absent,

    /// <summary>A scheme other than Basic (NTLM, Negotiate, Bearer…).</summary>
    OtherScheme,

    /// <summary>Basic, but not base64 of <c>user:password</c> within the limits.</summary>
    Malformed,
}
