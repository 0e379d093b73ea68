using System.Text;
using Pushbox.Smtp.Protocol;

namespace Pushbox.Smtp.Tests;

public sealed class TraceHeadersTests
{
    private static readonly DateTimeOffset Time = new(2026, 3, 1, 8, 5, 9, TimeSpan.FromHours(2));

    [Fact]
    public void Build_OneRecipient_NamesIt()
    {
        byte[] headers = TraceHeaders.Build("s@remote.test", "client.test", "[192.0.2.7]", "mx.example.com", "ESMTPS", "ab12.1", "alice@example.com", Time);

        Assert.Equal(
            "Return-Path: <s@remote.test>\r\n"
            + "Received: from client.test ([192.0.2.7])\r\n"
            + "\tby mx.example.com (Pushbox) with ESMTPS id ab12.1\r\n"
            + "\tfor <alice@example.com>;\r\n"
            + "\tSun, 01 Mar 2026 06:05:09 +0000\r\n",
            Encoding.UTF8.GetString(headers));
    }

    [Fact]
    public void Build_SeveralRecipientsAndNullSender()
    {
        byte[] headers = TraceHeaders.Build(string.Empty, "mta", "unix socket", "mx", "LMTP", "x.2", null, Time);

        Assert.Equal(
            "Return-Path: <>\r\nReceived: from mta (unix socket)\r\n\tby mx (Pushbox) with LMTP id x.2;\r\n\tSun, 01 Mar 2026 06:05:09 +0000\r\n",
            Encoding.UTF8.GetString(headers));
    }

    [Fact]
    public void Build_LongestInputs_KeepLinesUnder998Octets()
    {
        string address = new string('a', 64) + "@" + new string('d', 189);
        byte[] headers = TraceHeaders.Build(address, new string('h', 255), "[IPv6:2001:db8::1]", new string('m', 255), "ESMTPS", "id", address, Time);

        Assert.All(Encoding.UTF8.GetString(headers).Split("\r\n"), line => Assert.True(line.Length < 998));
    }
}
