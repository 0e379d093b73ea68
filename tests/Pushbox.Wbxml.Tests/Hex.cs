namespace Pushbox.Wbxml.Tests;

internal static class Hex
{
    /// <summary>Bytes from "03 01 6A 00 …" (spaces and line breaks ignored).</summary>
    public static byte[] Parse(string hex) =>
        Convert.FromHexString(string.Concat(hex.Where(c => !char.IsWhiteSpace(c))));

    public static string Format(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);
}
