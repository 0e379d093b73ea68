using System.CommandLine;

namespace Pushbox;

/// <summary><c>pushbox migrate</c>: brings the database schema up to date (serve does this on start too).</summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Create or upgrade the database schema of the data folder (serve does this on start).");
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, _ =>
        {
            Console.WriteLine($"The database of {CliContext.DataDirectory(parse)} is up to date.");
            return Task.FromResult(0);
        }));
        return command;
    }
}
