using FsCheck;
using FsCheck.Xunit;
using Pushbox.Protocol.Query;

namespace Pushbox.Protocol.Tests;

public class QueryProperties
{
    private static bool ParsesOrRefusesCleanly(string raw)
    {
        try
        {
            _ = EasQueryParser.Parse(raw);
        }
        catch (EasProtocolException)
        {
        }

        return true;
    }

    [Property(MaxTest = 2000)]
    public bool RandomBytes_Base64Encoded_AreReadOrRefusedWithEasProtocolException(byte[] bytes) =>
        ParsesOrRefusesCleanly(Convert.ToBase64String(bytes));

    [Property(MaxTest = 2000)]
    public bool RandomBytesAfterAValidHeader_AreReadOrRefusedWithEasProtocolException(byte versionIndex, byte command, byte[] rest)
    {
        byte[] header = [new byte[] { 121, 140, 141, 160, 161 }[versionIndex % 5], (byte)(command % 24), 0x09, 0x04];
        return ParsesOrRefusesCleanly(Convert.ToBase64String([.. header, .. rest]))
            && ParsesOrRefusesCleanly(Convert.ToBase64String([.. header, 4, .. "Dev1"u8, 0, 6, .. "iPhone"u8, .. rest]));
    }

    [Property(MaxTest = 2000)]
    public bool RandomStrings_AreReadOrRefusedWithEasProtocolException(string? raw) =>
        raw is null || (ParsesOrRefusesCleanly(raw) && ParsesOrRefusesCleanly("Cmd=Sync&DeviceId=Dev1&DeviceType=iPhone&" + raw));

    [Property(MaxTest = 500)]
    public bool SameRequest_InBothForms_GivesTheSameQuery(NonEmptyString user, PositiveInt idSeed, byte codeIndex)
    {
        string deviceId = "d" + idSeed.Get.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string userText = new(user.Get.Where(c => !char.IsControl(c) && !char.IsSurrogate(c)).Take(40).ToArray());
        if (userText.Length == 0)
        {
            return true;
        }

        EasCommand command = EasCommands.All.Where(c => EasCommands.TryGetCode(c, out _)).ElementAt(codeIndex % 20);
        EasCommands.TryGetCode(command, out byte code);

        EasQuery plain = EasQueryParser.Parse(
            $"Cmd={EasCommands.GetName(command)}&User={Uri.EscapeDataString(userText)}&DeviceId={deviceId}&DeviceType=Phone");
        EasQuery base64 = EasQueryParser.Parse(
            Base64Query.Start(141, code).DeviceId(deviceId).NoPolicyKey().DeviceType("Phone").Parameter(8, userText).ToString());

        return plain.Command == base64.Command
            && plain.User == base64.User
            && plain.User == userText
            && plain.DeviceId == base64.DeviceId
            && plain.DeviceType == base64.DeviceType;
    }
}
