using System.Globalization;
using System.Text;

namespace Pushbox.Commands.Tests.ItemOperations;

/// <summary>Messages and requests for the ItemOperations tests.</summary>
internal static class ItemOperationsMessages
{
    /// <summary>Bytes 0, 1, 2 … 250, 0, 1 …: every offset's value is known, so a wrong range shows.</summary>
    public static byte[] Pattern(int length)
    {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i % 251);
        }

        return bytes;
    }

    /// <summary>
    /// A text body, then <paramref name="attachment"/> as a base64 "application/pdf" part named report.pdf (body part 1),
    /// then "notes.txt" stored without a transfer encoding (body part 2).
    /// </summary>
    public static string WithAttachment(byte[] attachment, string subject = "Files", string messageId = "files@example.com", string? references = null)
    {
        var mime = new StringBuilder();
        mime.Append(CultureInfo.InvariantCulture, $"From: alice@example.com\nTo: user@example.com\nSubject: {subject}\nDate: Tue, 01 Dec 2026 09:58:00 +0000\nMessage-ID: <{messageId}>\n");
        if (references is not null)
        {
            mime.Append(CultureInfo.InvariantCulture, $"References: <{references}>\nIn-Reply-To: <{references}>\n");
        }

        mime.Append("MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"mix\"\n\n");
        mime.Append("--mix\nContent-Type: text/plain; charset=utf-8\n\nSee the files.\n");
        mime.Append("--mix\nContent-Type: application/pdf; name=\"report.pdf\"\nContent-Disposition: attachment; filename=\"report.pdf\"\nContent-Transfer-Encoding: base64\n\n");
        mime.Append(Convert.ToBase64String(attachment, Base64FormattingOptions.InsertLineBreaks).ReplaceLineEndings("\n")).Append('\n');
        mime.Append("--mix\nContent-Type: text/plain; charset=us-ascii; name=\"notes.txt\"\nContent-Disposition: attachment; filename=\"notes.txt\"\n\n");
        mime.Append(NotesText).Append('\n');
        mime.Append("--mix--\n");
        return mime.ToString();
    }

    /// <summary>The content of notes.txt.</summary>
    public const string NotesText = "Plain notes, stored as they are.";

    /// <summary>A plain message of a conversation whose root is <paramref name="root"/> (its own Message-ID when it is the root).</summary>
    public static string InConversation(string messageId, string root, string subject = "Thread") =>
        messageId == root
            ? $"From: alice@example.com\nTo: user@example.com\nSubject: {subject}\nDate: Tue, 01 Dec 2026 09:58:00 +0000\nMessage-ID: <{messageId}>\nContent-Type: text/plain\n\nFirst.\n"
            : $"From: alice@example.com\nTo: user@example.com\nSubject: Re: {subject}\nDate: Tue, 01 Dec 2026 09:59:00 +0000\nMessage-ID: <{messageId}>\nIn-Reply-To: <{root}>\nReferences: <{root}>\nContent-Type: text/plain\n\nReply.\n";

    /// <summary>An ItemOperations request of the given operations (libwbxml XML).</summary>
    public static string Request(params string[] operations) =>
        $"<ItemOperations xmlns=\"ItemOperations:\" xmlns:airsync=\"AirSync:\" xmlns:airsyncbase=\"AirSyncBase:\" xmlns:search=\"Search:\" xmlns:documentlibrary=\"DocumentLibrary:\">{string.Concat(operations)}</ItemOperations>";

    /// <summary>A Fetch of a mailbox item with a plain-text BodyPreference.</summary>
    public static string FetchItem(string collectionId, string serverId, string? extraOptions = null) =>
        $"<Fetch><Store>Mailbox</Store><airsync:CollectionId>{collectionId}</airsync:CollectionId><airsync:ServerId>{serverId}</airsync:ServerId>"
        + $"<Options><airsyncbase:BodyPreference><airsyncbase:Type>1</airsyncbase:Type></airsyncbase:BodyPreference>{extraOptions}</Options></Fetch>";

    /// <summary>A Fetch of an attachment, with a Range when given.</summary>
    public static string FetchAttachment(string fileReference, string? range = null, string store = "Mailbox") =>
        $"<Fetch><Store>{store}</Store><airsyncbase:FileReference>{fileReference}</airsyncbase:FileReference>"
        + (range is null ? string.Empty : $"<Options><Range>{range}</Range></Options>")
        + "</Fetch>";

    /// <summary>An EmptyFolderContents, with DeleteSubFolders when asked.</summary>
    public static string Empty(string collectionId, bool deleteSubFolders = false) =>
        $"<EmptyFolderContents><airsync:CollectionId>{collectionId}</airsync:CollectionId>{(deleteSubFolders ? "<Options><DeleteSubFolders/></Options>" : string.Empty)}</EmptyFolderContents>";

    /// <summary>A conversation Move, with MoveAlways unless told not to.</summary>
    public static string Move(byte[] conversationId, string destination, bool moveAlways = true) =>
        $"<Move><ConversationId>{Convert.ToBase64String(conversationId)}</ConversationId><DstFldId>{destination}</DstFldId>{(moveAlways ? "<Options><MoveAlways/></Options>" : string.Empty)}</Move>";
}
