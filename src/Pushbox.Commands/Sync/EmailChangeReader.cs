using System.Globalization;
using Pushbox.Mailbox.Items;
using Pushbox.Protocol.Commands.ItemData;
using EmailTags = Pushbox.Wbxml.EasCodePages.EmailTags;
using TasksTags = Pushbox.Wbxml.EasCodePages.TasksTags;

namespace Pushbox.Commands.Sync;

/// <summary>
/// Reads what a device may change on an email (MS-ASEMAIL 2.2.2: Read, Flag, Categories) from the
/// ApplicationData of a Sync Change. An empty Flag clears the flag and an empty Categories clears the
/// categories; an absent element leaves the property alone. Any other property is read-only on a
/// received message and is ignored, as Exchange does.
/// </summary>
internal static class EmailChangeReader
{
    /// <summary>The change, or null when a value cannot be read (the device gets Status 6).</summary>
    public static EmailStateChange? Read(IReadOnlyList<ItemDataElement> data)
    {
        bool? read = null;
        EmailFlag? flag = null;
        bool clearFlag = false;
        List<string>? categories = null;
        foreach (ItemDataElement element in data)
        {
            switch (element.Tag)
            {
                case EmailTags.Read:
                    if (element.Text is not ("0" or "1"))
                    {
                        return null;
                    }

                    read = element.Text == "1";
                    break;
                case EmailTags.Flag when element.Children.Count == 0:
                    clearFlag = true;
                    break;
                case EmailTags.Flag:
                    flag = ReadFlag(element);
                    if (flag is null)
                    {
                        return null;
                    }

                    clearFlag = flag.Status == 0;
                    if (clearFlag)
                    {
                        flag = null;
                    }

                    break;
                case EmailTags.Categories:
                    categories = [.. element.Children.Where(c => c.Tag == EmailTags.Category && !string.IsNullOrEmpty(c.Text)).Select(c => c.Text!)];
                    break;
            }
        }

        return new EmailStateChange(read, flag, clearFlag, categories);
    }

    private static EmailFlag? ReadFlag(ItemDataElement flag)
    {
        int status = 2;
        if (flag.Child(EmailTags.Status) is { } statusElement
            && !(int.TryParse(statusElement.Text, NumberStyles.None, CultureInfo.InvariantCulture, out status) && status is >= 0 and <= 2))
        {
            return null;
        }

        if (!TryDate(flag, TasksTags.StartDate, out DateTimeOffset? start)
            || !TryDate(flag, TasksTags.DueDate, out DateTimeOffset? due)
            || !TryDate(flag, EmailTags.CompleteTime, out DateTimeOffset? complete)
            || !TryDate(flag, TasksTags.ReminderTime, out DateTimeOffset? reminder))
        {
            return null;
        }

        bool? reminderSet = flag.Child(TasksTags.ReminderSet)?.Text switch
        {
            null => null,
            "1" => true,
            _ => false,
        };
        return new EmailFlag(
            status,
            flag.Child(EmailTags.FlagType)?.Text,
            start ?? Date(flag, TasksTags.UtcStartDate),
            due ?? Date(flag, TasksTags.UtcDueDate),
            complete ?? Date(flag, TasksTags.DateCompleted),
            reminder,
            reminderSet,
            flag.Child(TasksTags.Subject)?.Text);
    }

    private static bool TryDate(ItemDataElement parent, ushort tag, out DateTimeOffset? value)
    {
        value = null;
        if (parent.Child(tag)?.Text is not { } text)
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset parsed))
        {
            return false;
        }

        value = parsed;
        return true;
    }

    private static DateTimeOffset? Date(ItemDataElement parent, ushort tag) =>
        TryDate(parent, tag, out DateTimeOffset? value) ? value : null;
}
