using System.CommandLine;
using Pushbox.Storage;

namespace Pushbox;

/// <summary><c>pushbox migrate</c>: brings the database schema up to date (serve does this on start too).</summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Create or upgrade the database schema of the data folder (serve does this on start).");
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            var database = services.GetRequiredService<PushboxDatabase>();
            int version = await database.GetSchemaVersionAsync(ct);
            Console.WriteLine($"The {database.Provider} database of {CliContext.DataDirectory(parse)} is at schema version {version}, the latest.");
            return 0;
        }));
        return command;
    }
}
