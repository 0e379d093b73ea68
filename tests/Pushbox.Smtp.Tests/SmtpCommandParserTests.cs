using System.Text;
using Pushbox.Smtp.Protocol;

namespace Pushbox.Smtp.Tests;

public sealed class SmtpCommandParserTests
{
    [Theory]
    [InlineData("EHLO mx.example.com", nameof(SmtpVerb.Ehlo), "mx.example.com")]
    [InlineData("ehlo  mx.example.com  ", nameof(SmtpVerb.Ehlo), "mx.example.com")]
    [InlineData("HELO x", nameof(SmtpVerb.Helo), "x")]
    [InlineData("LHLO x", nameof(SmtpVerb.Lhlo), "x")]
    [InlineData("MAIL FROM:<a@b.test> SIZE=10", nameof(SmtpVerb.Mail), "FROM:<a@b.test> SIZE=10")]
    [InlineData("Rcpt To:<a@b.test>", nameof(SmtpVerb.Rcpt), "To:<a@b.test>")]
    [InlineData("DATA", nameof(SmtpVerb.Data), "")]
    [InlineData("RSET", nameof(SmtpVerb.Rset), "")]
    [InlineData("NOOP anything", nameof(SmtpVerb.Noop), "anything")]
    [InlineData("QUIT", nameof(SmtpVerb.Quit), "")]
    [InlineData("VRFY alice", nameof(SmtpVerb.Vrfy), "alice")]
    [InlineData("HELP", nameof(SmtpVerb.Help), "")]
    [InlineData("StartTLS", nameof(SmtpVerb.StartTls), "")]
    [InlineData("EXPN list", nameof(SmtpVerb.NotImplemented), "list")]
    [InlineData("BDAT 100 LAST", nameof(SmtpVerb.NotImplemented), "100 LAST")]
    [InlineData("", nameof(SmtpVerb.Unknown), "")]
    [InlineData("MAILX FROM:<a@b>", nameof(SmtpVerb.Unknown), "FROM:<a@b>")]
    [InlineData("GET / HTTP/1.1", nameof(SmtpVerb.Unknown), "/ HTTP/1.1")]
    [InlineData("STARTTLSX", nameof(SmtpVerb.Unknown), "")]
    [InlineData("MAIL\tFROM:<a@b.test>", nameof(SmtpVerb.Mail), "FROM:<a@b.test>")]
    [InlineData("RCPT TO:<jörg@b.test>", nameof(SmtpVerb.Rcpt), "TO:<jörg@b.test>")]
    public void Parse_GivesVerbAndArgument(string line, string verb, string argument)
    {
        SmtpCommand command = SmtpCommandParser.Parse(Encoding.UTF8.GetBytes(line));

        Assert.Equal(new SmtpCommand(Enum.Parse<SmtpVerb>(verb), argument, Malformed: false), command);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'M', (byte)'A', (byte)'I', (byte)'L', (byte)' ', 0xFF, 0xFE })]
    [InlineData(new byte[] { (byte)'N', (byte)'O', (byte)'O', (byte)'P', (byte)' ', (byte)'a', 0x00, (byte)'b' })]
    [InlineData(new byte[] { (byte)'N', (byte)'O', (byte)'O', (byte)'P', (byte)' ', (byte)'a', 0x0D, (byte)'b' })]
    public void Parse_ControlCharactersOrInvalidUtf8_AreMalformed(byte[] line)
    {
        SmtpCommand command = SmtpCommandParser.Parse(line);

        Assert.True(command.Malformed);
        Assert.Equal(string.Empty, command.Argument);
    }

    [Fact]
    public void Parse_NonAsciiVerb_IsUnknown()
    {
        Assert.Equal(SmtpVerb.Unknown, SmtpCommandParser.Parse("MÄIL x"u8).Verb);
    }
}
