namespace Pushbox.Smtp.Protocol;

/// <summary>What a listener speaks.</summary>
[Flags]
internal enum ListenerProtocol
{
    /// <summary>ESMTP, RFC 5321.</summary>
    Smtp = 1,

    /// <summary>LMTP, RFC 2033.</summary>
    Lmtp = 2,

    /// <summary>Both.</summary>
    Both = Smtp | Lmtp,
}
