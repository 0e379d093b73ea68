using System.Text;
using Pushbox.Protocol.Commands.ComposeMail;
using Pushbox.Protocol.Query;
using Pushbox.Wbxml;
using static Pushbox.Protocol.Tests.Commands.WbxmlTestHelpers;

namespace Pushbox.Protocol.Tests.ComposeMail;

public class ComposeMailRequestParserTests
{
    private const string Mime = "From: a@example.com\r\nTo: b@example.com\r\nSubject: Hi\r\n\r\nHello\r\n";

    private static readonly string MimeBase64 = Convert.ToBase64String(Encoding.ASCII.GetBytes(Mime));

    private static ComposeMailRequest Parse(EasCommand command, string xml) => ComposeMailRequestParser.Parse(command, Encode(xml), WbxmlLimits.Default);

    [Fact]
    public void Parse_SendMail_ReadsEveryElement_AndTheMimeIsASliceOfTheBody()
    {
        byte[] body = Encode($"""<SendMail xmlns="ComposeMail:"><ClientId>c-1</ClientId><AccountId>7</AccountId><SaveInSentItems/><Mime>{MimeBase64}</Mime></SendMail>""");

        ComposeMailRequest request = ComposeMailRequestParser.Parse(EasCommand.SendMail, body, WbxmlLimits.Default);

        Assert.Equal((EasCommand.SendMail, "c-1", "7", true, false, (ComposeMailSource?)null), (request.Command, request.ClientId, request.AccountId, request.SaveInSentItems, request.ReplaceMime, request.Source));
        Assert.Equal(Mime, Encoding.ASCII.GetString(request.Mime.Span));
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(request.Mime, out ArraySegment<byte> segment) && ReferenceEquals(segment.Array, body));
    }

    [Fact]
    public void Parse_SmartReply_ReadsSourceAndReplaceMime_InAnyOrder()
    {
        ComposeMailRequest request = Parse(EasCommand.SmartReply, $"""
            <SmartReply xmlns="ComposeMail:"><Mime>{MimeBase64}</Mime><ReplaceMime/>
            <Source><ItemId>5:21</ItemId><InstanceId>2026-12-01T10:00:00.000Z</InstanceId><FolderId>5</FolderId></Source><ClientId>x</ClientId></SmartReply>
            """);

        Assert.Equal(new ComposeMailSource("5", "5:21", null, "2026-12-01T10:00:00.000Z"), request.Source);
        Assert.True(request.ReplaceMime);
        Assert.False(request.SaveInSentItems);
    }

    [Fact]
    public void Parse_SmartForward_SkipsForwardees_AndTakesALongId()
    {
        ComposeMailRequest request = Parse(EasCommand.SmartForward, $"""<SmartForward xmlns="ComposeMail:"><ClientId>x</ClientId><Source><LongId>RgAAAA</LongId></Source><Forwardees><Forwardee><Email>c@example.com</Email></Forwardee></Forwardees><Mime>{MimeBase64}</Mime></SmartForward>""");

        Assert.Equal(new ComposeMailSource(null, null, "RgAAAA", null), request.Source);
    }

    public static TheoryData<EasCommand, string> Malformed() => new()
    {
        { EasCommand.SendMail, """<SendMail xmlns="ComposeMail:"><ClientId>x</ClientId></SendMail>""" },
        { EasCommand.SendMail, $"""<SendMail xmlns="ComposeMail:"><ClientId>x</ClientId><ClientId>y</ClientId><Mime>{MimeBase64}</Mime></SendMail>""" },
        { EasCommand.SendMail, $"""<SendMail xmlns="ComposeMail:"><Source><ItemId>1:1</ItemId></Source><Mime>{MimeBase64}</Mime></SendMail>""" },
        { EasCommand.SendMail, $"""<SendMail xmlns="ComposeMail:"><ReplaceMime/><Mime>{MimeBase64}</Mime></SendMail>""" },
        { EasCommand.SendMail, $"""<SendMail xmlns="ComposeMail:"><ClientId>{new string('c', 41)}</ClientId><Mime>{MimeBase64}</Mime></SendMail>""" },
        { EasCommand.SmartReply, $"""<SmartReply xmlns="ComposeMail:"><ClientId>x</ClientId><Mime>{MimeBase64}</Mime></SmartReply>""" },
        { EasCommand.SmartReply, $"""<SmartReply xmlns="ComposeMail:"><Source><Status>1</Status></Source><Mime>{MimeBase64}</Mime></SmartReply>""" },
        { EasCommand.SmartReply, $"""<SendMail xmlns="ComposeMail:"><Mime>{MimeBase64}</Mime></SendMail>""" },
        { EasCommand.SmartReply, $"""<SmartReply xmlns="ComposeMail:"><Source><ItemId>{new string('1', 65)}</ItemId></Source><Mime>{MimeBase64}</Mime></SmartReply>""" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Parse_MalformedBodies_AreRefused(EasCommand command, string xml) =>
        AssertRejected(() => Parse(command, xml));

    [Fact]
    public void Parse_AnOpaqueMimeOverTheOpaqueLimit_IsRefusedWhileReading()
    {
        byte[] body = Encode($"""<SendMail xmlns="ComposeMail:"><Mime>{Convert.ToBase64String(new byte[2048])}</Mime></SendMail>""");

        AssertRejected(() => ComposeMailRequestParser.Parse(EasCommand.SendMail, body, new WbxmlLimits { MaxOpaqueLength = 1024 }));
    }

    [Fact]
    public void FromQuery_121SmartForward_TakesTheIdsAndSaveInSentFromTheQuery_AndTheBodyAsMime()
    {
        var query = new EasQuery { Command = EasCommand.SmartForward, DeviceId = "D", DeviceType = "T", CollectionId = "5", ItemId = "5:21", SaveInSent = true };
        byte[] body = Encoding.ASCII.GetBytes(Mime);

        ComposeMailRequest request = ComposeMailRequestParser.FromQuery(EasCommand.SmartForward, query, body);

        Assert.Equal(new ComposeMailSource("5", "5:21", null, null), request.Source);
        Assert.Equal((null, true, false), (request.ClientId, request.SaveInSentItems, request.ReplaceMime));
        Assert.Equal(Mime, Encoding.ASCII.GetString(request.Mime.Span));
    }

    [Fact]
    public void FromQuery_SendMailWithoutSaveInSent_DoesNotSave()
    {
        var query = new EasQuery { Command = EasCommand.SendMail, DeviceId = "D", DeviceType = "T" };

        ComposeMailRequest request = ComposeMailRequestParser.FromQuery(EasCommand.SendMail, query, Encoding.ASCII.GetBytes(Mime));

        Assert.False(request.SaveInSentItems);
        Assert.Null(request.Source);
    }

    [Theory]
    [InlineData("14.0", 118)]
    [InlineData("16.1", 150)]
    public void Write_Failure_IsTheCommandsRootWithStatus(string version, int status)
    {
        byte[] written = Write(w => ComposeMailResponseWriter.Write(w, EasCommand.SmartReply, (ComposeMailStatus)status, Version(version)));

        AssertSameBytes(Write(w =>
        {
            w.WriteStartElement(EasCodePages.ComposeMailTags.SmartReply);
            w.WriteElementInt(EasCodePages.ComposeMailTags.Status, status);
            w.WriteEndElement();
        }), written);
    }

    [Fact]
    public void Write_Before14_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Write(w => ComposeMailResponseWriter.Write(w, EasCommand.SendMail, ComposeMailStatus.InvalidMime, EasVersion.V121)));

    [Theory]
    [InlineData(ComposeMailStatus.InvalidContent, 400)]
    [InlineData(ComposeMailStatus.SendQuotaExceeded, 413)]
    [InlineData(ComposeMailStatus.ServerErrorRetryLater, 503)]
    [InlineData(ComposeMailStatus.MailboxQuotaExceeded, 507)]
    [InlineData(ComposeMailStatus.InvalidMime, 500)]
    [InlineData(ComposeMailStatus.ItemNotFound, 500)]
    public void HttpStatusFor_Before14_MapsEachStatus(ComposeMailStatus status, int http) =>
        Assert.Equal(http, ComposeMailStatusCodes.HttpStatusFor(status));
}
