namespace Pushbox.Mailbox.OutOfOffice;

/// <summary>
/// A user's Out of Office settings. <see cref="Generation"/> is the store's: it changes with every save, which starts
/// a new period in which every sender gets at most one reply.
/// </summary>
/// <param name="Mode">Off, on, or on between <paramref name="Start"/> and <paramref name="End"/>.</param>
/// <param name="Start">The start of the period; set exactly when <paramref name="Mode"/> is <see cref="OofMode.Scheduled"/>.</param>
/// <param name="End">The end of the period, after <paramref name="Start"/>.</param>
/// <param name="Internal">The reply to the user's organisation.</param>
/// <param name="ExternalKnown">The reply to outside senders in the user's contacts.</param>
/// <param name="ExternalUnknown">The reply to other outside senders.</param>
public sealed record OofSettings(OofMode Mode, DateTimeOffset? Start, DateTimeOffset? End, OofReply Internal, OofReply ExternalKnown, OofReply ExternalUnknown)
{
    /// <summary>Never set: off, no messages.</summary>
    public static OofSettings Off { get; } = new(OofMode.Off, null, null, OofReply.None, OofReply.None, OofReply.None);

    /// <summary>The store's save counter (0 when never saved); replies are recorded per generation.</summary>
    public long Generation { get; init; }

    /// <summary>Whether replies go out at <paramref name="now"/>: on, or scheduled with <paramref name="now"/> in [Start, End).</summary>
    public bool IsActiveAt(DateTimeOffset now) => Mode switch
    {
        OofMode.On => true,
        OofMode.Scheduled => Start is { } start && End is { } end && now >= start && now < end,
        _ => false,
    };

    /// <summary>The reply for <paramref name="audience"/>.</summary>
    public OofReply For(OofAudienceKind audience) => audience switch
    {
        OofAudienceKind.Internal => Internal,
        OofAudienceKind.ExternalKnown => ExternalKnown,
        _ => ExternalUnknown,
    };

    /// <summary>Throws when the settings are inconsistent (what the store refuses to save).</summary>
    /// <exception cref="ArgumentException">A scheduled mode without a period or with an empty one, a period without the scheduled mode, or an over-long message.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Internal, nameof(Internal));
        ArgumentNullException.ThrowIfNull(ExternalKnown, nameof(ExternalKnown));
        ArgumentNullException.ThrowIfNull(ExternalUnknown, nameof(ExternalUnknown));
        if (!Enum.IsDefined(Mode))
        {
            throw new ArgumentException($"Unknown Out of Office mode {(int)Mode}.", nameof(Mode));
        }

        if ((Mode == OofMode.Scheduled) != (Start is not null && End is not null) || (Start is null) != (End is null))
        {
            throw new ArgumentException("A scheduled Out of Office has a start and an end; no other mode has either.", nameof(Start));
        }

        if (Start >= End)
        {
            throw new ArgumentException("The Out of Office period ends after it starts.", nameof(End));
        }

        foreach (OofReply reply in (OofReply[])[Internal, ExternalKnown, ExternalUnknown])
        {
            ArgumentNullException.ThrowIfNull(reply.Message, nameof(OofReply.Message));
            if (reply.Message.Length > OofReply.MaxMessageLength)
            {
                throw new ArgumentException($"An Out of Office message has at most {OofReply.MaxMessageLength} characters.", nameof(OofReply.Message));
            }
        }
    }
}
