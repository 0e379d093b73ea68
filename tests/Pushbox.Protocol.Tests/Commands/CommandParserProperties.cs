using FsCheck.Xunit;
using Pushbox.Protocol.Commands.FolderCreate;
using Pushbox.Protocol.Commands.FolderDelete;
using Pushbox.Protocol.Commands.FolderSync;
using Pushbox.Protocol.Commands.FolderUpdate;
using Pushbox.Wbxml;

namespace Pushbox.Protocol.Tests.Commands;

/// <summary>Whatever bytes arrive, a command parser returns a request or throws <see cref="EasProtocolException"/>, nothing else.</summary>
public class CommandParserProperties
{
    private static readonly Action<ReadOnlyMemory<byte>>[] Parsers =
    [
        b => FolderSyncRequestParser.Parse(b, WbxmlLimits.Default),
        b => FolderCreateRequestParser.Parse(b, WbxmlLimits.Default),
        b => FolderUpdateRequestParser.Parse(b, WbxmlLimits.Default),
        b => FolderDeleteRequestParser.Parse(b, WbxmlLimits.Default),
    ];

    private static bool ParsesOrRefusesCleanly(byte[] body)
    {
        foreach (Action<ReadOnlyMemory<byte>> parse in Parsers)
        {
            try
            {
                parse(body);
            }
            catch (EasProtocolException)
            {
            }
        }

        return true;
    }

    [Property(MaxTest = 1000)]
    public bool RandomBytes_AreReadOrRefusedWithEasProtocolException(byte[] bytes) => ParsesOrRefusesCleanly(bytes);

    [Property(MaxTest = 1000)]
    public bool RandomBytesAfterAFolderHierarchyHeader_AreReadOrRefusedWithEasProtocolException(byte root, byte[] rest) =>
        ParsesOrRefusesCleanly([0x03, 0x01, 0x6A, 0x00, 0x00, 0x07, (byte)(0x53 + (root % 4)), .. rest]);
}
