using Pushbox.Protocol.Commands.Find;
using Pushbox.Protocol.Commands.Search;
using Pushbox.Wbxml;
using static Pushbox.Protocol.Tests.Commands.WbxmlTestHelpers;
using XsdValidator = Pushbox.Testing.Eas.XsdValidator;

namespace Pushbox.Protocol.Tests.Find;

/// <summary>FindResponseWriter: element order and content, validated against FindResponse.xsd.</summary>
public class FindResponseWriterTests
{
    /// <summary>The response schema and the schemas it refers to (Find.xsd holds Range and Status; the files carry no xs:import).</summary>
    internal static readonly string[] Schemas = ["FindResponse.xsd", "Find.xsd", "ItemOperations.xsd", "AirSync.xsd", "AirSyncBase.xsd", "Email.xsd", "Email2.xsd", "GAL.xsd", "Search.xsd", "DocumentLibrary.xsd", "Calendar.xsd", "Contacts.xsd", "Contacts2.xsd", "Tasks.xsd", "Notes.xsd", "RightsManagement.xsd", "ComposeMail.xsd", "MeetingResponseResponse.xsd"];

    private static byte[] Bytes(FindResponse response) => Write(writer => FindResponseWriter.Write(writer, response));

    private static readonly FindEmailProperties Budget = new(
        "Budget 2026", new DateTimeOffset(2026, 11, 30, 10, 0, 2, TimeSpan.Zero), "Bob", "Carl; Dora", null, 2, true, false, "Here are the figures", true, "Anne <anne@example.org>");

    [Fact]
    public void Write_MailboxResults_InTheSchemasOrder()
    {
        var response = new FindResponse(FindStatus.Success, FindStatus.Success, "Mailbox", [FindResult.ForEmail("5:21", "5", Budget)], new SearchRange(0, 0), 7);

        byte[] bytes = Bytes(response);

        Libwbxml.AssertSameXml(
            """
            <Find xmlns="Find:"><Status>1</Status><Response><Store xmlns="ItemOperations:">Mailbox</Store><Status>1</Status>
              <Result><Class xmlns="AirSync:">Email</Class><ServerId xmlns="AirSync:">5:21</ServerId><CollectionId xmlns="AirSync:">5</CollectionId>
                <Properties><Subject xmlns="Email:">Budget 2026</Subject><DateReceived xmlns="Email:">2026-11-30T10:00:02.000Z</DateReceived>
                  <DisplayTo xmlns="Email:">Bob</DisplayTo><DisplayCc>Carl; Dora</DisplayCc><Importance xmlns="Email:">2</Importance><Read xmlns="Email:">1</Read>
                  <IsDraft xmlns="Email2:">0</IsDraft><Preview>Here are the figures</Preview><HasAttachments>1</HasAttachments><From xmlns="Email:">Anne &lt;anne@example.org&gt;</From></Properties>
              </Result><Range>0-0</Range><Total>7</Total></Response></Find>
            """,
            WbxmlXml.ToXml(bytes));
        XsdValidator.AssertValidWbxml(bytes, Schemas);
    }

    [Fact]
    public void Write_GalResultWithPicture_IsValid()
    {
        var gal = new GalProperties("Anne Dupont", "anne@example.org", Phone: "+33 1 23", Alias: "anne", FirstName: "Anne", LastName: "Dupont", Picture: new GalPicture(SearchPictureStatus.Success, new byte[] { 0xFF, 0xD8, 0xFF }));
        var response = new FindResponse(FindStatus.Success, FindStatus.Success, "GAL", [FindResult.ForGal(gal), FindResult.ForGal(new GalProperties("Bob", "bob@example.org", Picture: new GalPicture(SearchPictureStatus.NoPicture)))], new SearchRange(0, 1), 2);

        byte[] bytes = Bytes(response);

        string xml = WbxmlXml.ToXml(bytes);
        Assert.Contains("<Picture xmlns=\"Gal:\">", xml, StringComparison.Ordinal);
        XsdValidator.AssertValidWbxml(bytes, Schemas);
    }

    [Fact]
    public void Write_NoMatch_HasNoResultAndNoRange()
    {
        byte[] bytes = Bytes(new FindResponse(FindStatus.Success, FindStatus.Success, "Mailbox", [], null, 0));

        Libwbxml.AssertSameXml(
            "<Find xmlns=\"Find:\"><Status>1</Status><Response><Store xmlns=\"ItemOperations:\">Mailbox</Store><Status>1</Status><Total>0</Total></Response></Find>",
            WbxmlXml.ToXml(bytes));
        XsdValidator.AssertValidWbxml(bytes, Schemas);
    }

    [Theory]
    [InlineData(FindStatus.InvalidRequest)]
    [InlineData(FindStatus.FolderSyncRequired)]
    public void Write_Failure_IsOnlyTheFindStatus(FindStatus status)
    {
        byte[] bytes = Bytes(FindResponse.Failure(status));

        Libwbxml.AssertSameXml($"<Find xmlns=\"Find:\"><Status>{(int)status}</Status></Find>", WbxmlXml.ToXml(bytes));
        XsdValidator.AssertValidWbxml(bytes, Schemas);
    }

    [Fact]
    public void Write_StartWithRangeZero_IsTheResponseStatus()
    {
        byte[] bytes = Bytes(FindResponse.ResponseFailure("Mailbox", FindStatus.StartWithRangeZero));

        Libwbxml.AssertSameXml("<Find xmlns=\"Find:\"><Status>1</Status><Response><Store xmlns=\"ItemOperations:\">Mailbox</Store><Status>4</Status></Response></Find>", WbxmlXml.ToXml(bytes));
        XsdValidator.AssertValidWbxml(bytes, Schemas);
    }
}
