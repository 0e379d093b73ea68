using System.CommandLine;
using System.Globalization;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Outbound;

namespace Pushbox;

/// <summary>
/// <c>pushbox queue list|retry|remove</c>: the mail waiting for the relay. A running server sends a retried
/// message within its poll interval; a removed one is never sent (nor bounced).
/// </summary>
internal static class QueueCommand
{
    public static Command Create()
    {
        var command = new Command("queue", "Look at the mail waiting for the relay, retry it now, or remove it.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Retry());
        command.Subcommands.Add(Remove());
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List the queued messages with sender, recipients, attempts, next attempt and last error.");
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            IReadOnlyList<QueuedMessage> messages = await services.GetRequiredService<IOutboundQueueStore>().ListAsync(ct);
            Console.Write(TextTable.Format(
                ["ID", "FROM", "TO", "BYTES", "QUEUED", "ATTEMPTS", "NEXT ATTEMPT", "LAST ERROR"],
                messages.Select(m => (IReadOnlyList<string>)
                [
                    m.Id.ToString(CultureInfo.InvariantCulture),
                    m.ReversePath.Length == 0 ? "<>" : m.ReversePath,
                    string.Join(", ", m.Recipients),
                    m.Size.ToString(CultureInfo.InvariantCulture),
                    m.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    m.Attempts.ToString(CultureInfo.InvariantCulture),
                    m.LeaseOwner is null ? m.NextAttemptAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "sending",
                    m.LastError,
                ])));
            Console.WriteLine($"{messages.Count} message(s) queued");
            return 0;
        }));
        return command;
    }

    private static Command Retry()
    {
        var id = new Argument<long>("ID") { Description = "The message, as `pushbox queue list` shows it." };
        var command = new Command("retry", "Make a queued message due now (a running server sends it at its next look).") { id };
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            long value = parse.GetValue(id);
            if (!await services.GetRequiredService<IOutboundQueueStore>().RetryNowAsync(value, TimeProvider.System.GetUtcNow(), ct))
            {
                return await CliContext.Error($"There is no queued message {value} (see pushbox queue list)");
            }

            Console.WriteLine($"Message {value} is due now.");
            return 0;
        }));
        return command;
    }

    private static Command Remove()
    {
        var id = new Argument<long>("ID") { Description = "The message, as `pushbox queue list` shows it." };
        var command = new Command("remove", "Delete a queued message without sending it or telling its sender.") { id };
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            long value = parse.GetValue(id);
            if (!await services.GetRequiredService<IOutboundQueueStore>().RemoveAsync(value, ct))
            {
                return await CliContext.Error($"There is no queued message {value} (see pushbox queue list)");
            }

            Console.WriteLine($"Message {value} removed from the queue.");
            return 0;
        }));
        return command;
    }
}
