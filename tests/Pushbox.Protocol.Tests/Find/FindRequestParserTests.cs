using Pushbox.Protocol.Commands.Find;
using Pushbox.Protocol.Commands.Search;
using Pushbox.Wbxml;
using static Pushbox.Protocol.Tests.Commands.WbxmlTestHelpers;

namespace Pushbox.Protocol.Tests.Find;

/// <summary>
/// FindRequestParser (MS-ASCMD 2.2.1.2). libwbxml 0.11.8 (xml2wbxml, wbxml2xml) has no code page 25, so the
/// bodies are encoded by our own codec from libwbxml's XML form.
/// </summary>
public class FindRequestParserTests
{
    private const string SearchId = "8c7b5e7a-1b1e-4b8e-9c1e-2d6f0a1b2c3d";

    private static FindRequest Parse(string inner) =>
        FindRequestParser.Parse(Encode($"<Find xmlns=\"Find:\"><SearchId>{SearchId}</SearchId>{inner}</Find>"), WbxmlLimits.Default);

    private static void Rejected(string inner) =>
        AssertRejected(() => Parse(inner));

    [Fact]
    public void Parse_MailboxCriterion_ReadsQueryAndOptions()
    {
        FindRequest request = Parse("""
            <ExecuteSearch><MailBoxSearchCriterion>
              <Query><FreeText>from:anne "budget plan"</FreeText><Class xmlns="AirSync:">Email</Class><CollectionId xmlns="AirSync:">7</CollectionId></Query>
              <Options><Range>0-24</Range><DeepTraversal/></Options>
            </MailBoxSearchCriterion></ExecuteSearch>
            """);

        Assert.Equal(SearchId, request.SearchId);
        Assert.Null(request.Gal);
        Assert.Equal(new FindMailboxCriterion("from:anne \"budget plan\"", "Email", "7", new SearchRange(0, 24), true), request.Mailbox);
    }

    [Fact]
    public void Parse_MailboxCriterionWithoutOptionsOrFreeText_LeavesThemOut()
    {
        FindRequest request = Parse("<ExecuteSearch><MailBoxSearchCriterion><Query><Class xmlns=\"AirSync:\">Email</Class></Query></MailBoxSearchCriterion></ExecuteSearch>");

        Assert.Equal(new FindMailboxCriterion(null, "Email", null, null, false), request.Mailbox);
    }

    [Fact]
    public void Parse_GalCriterion_ReadsTheQueryStringRangeAndPicture()
    {
        FindRequest request = Parse("""
            <ExecuteSearch><GALSearchCriterion>
              <Query>Michael A.</Query>
              <Options><Range>0-9</Range><Picture><MaxSize>102400</MaxSize><MaxPictures>3</MaxPictures></Picture></Options>
            </GALSearchCriterion></ExecuteSearch>
            """);

        Assert.Null(request.Mailbox);
        Assert.Equal(new FindGalCriterion("Michael A.", new SearchRange(0, 9), new SearchPictureOptions(102400, 3), false), request.Gal);
    }

    [Fact]
    public void Parse_GalDeepTraversal_IsRecordedForTheHandlerToRefuse()
    {
        FindRequest request = Parse("<ExecuteSearch><GALSearchCriterion><Query>anne</Query><Options><DeepTraversal/></Options></GALSearchCriterion></ExecuteSearch>");

        Assert.True(request.Gal!.DeepTraversal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<ExecuteSearch/>")]
    [InlineData("<ExecuteSearch></ExecuteSearch>")]
    [InlineData("<ExecuteSearch><MailBoxSearchCriterion><Options><Range>0-9</Range></Options></MailBoxSearchCriterion></ExecuteSearch>")]
    [InlineData("<ExecuteSearch><MailBoxSearchCriterion><Query/></MailBoxSearchCriterion><GALSearchCriterion><Query>a</Query></GALSearchCriterion></ExecuteSearch>")]
    [InlineData("<ExecuteSearch><MailBoxSearchCriterion><Query/></MailBoxSearchCriterion></ExecuteSearch><ExecuteSearch><MailBoxSearchCriterion><Query/></MailBoxSearchCriterion></ExecuteSearch>")]
    [InlineData("<ExecuteSearch><MailBoxSearchCriterion><Query>text</Query></MailBoxSearchCriterion></ExecuteSearch>")]
    [InlineData("<ExecuteSearch><MailBoxSearchCriterion><Query><FreeText>a</FreeText><FreeText>b</FreeText></Query></MailBoxSearchCriterion></ExecuteSearch>")]
    [InlineData("<ExecuteSearch><MailBoxSearchCriterion><Query><CollectionId xmlns=\"AirSync:\">1</CollectionId><CollectionId xmlns=\"AirSync:\">2</CollectionId></Query></MailBoxSearchCriterion></ExecuteSearch>")]
    [InlineData("<ExecuteSearch><MailBoxSearchCriterion><Query><Total>1</Total></Query></MailBoxSearchCriterion></ExecuteSearch>")]
    [InlineData("<ExecuteSearch><GALSearchCriterion><Query><Class xmlns=\"AirSync:\">Email</Class></Query></GALSearchCriterion></ExecuteSearch>")]
    [InlineData("<ExecuteSearch><MailBoxSearchCriterion><Query/><Options><Range>0-1000</Range></Options></MailBoxSearchCriterion></ExecuteSearch>")]
    [InlineData("<ExecuteSearch><MailBoxSearchCriterion><Query/><Options><Range>9-0</Range></Options></MailBoxSearchCriterion></ExecuteSearch>")]
    [InlineData("<ExecuteSearch><MailBoxSearchCriterion><Query/><Options><Range>ten</Range></Options></MailBoxSearchCriterion></ExecuteSearch>")]
    [InlineData("<ExecuteSearch><MailBoxSearchCriterion><Query/><Options><RebuildResults xmlns=\"Search:\"/></Options></MailBoxSearchCriterion></ExecuteSearch>")]
    public void Parse_MalformedRequest_IsRejected(string inner) => Rejected(inner);

    [Fact]
    public void Parse_WithoutSearchId_IsRejected() =>
        AssertRejected(() => FindRequestParser.Parse(Encode("<Find xmlns=\"Find:\"><ExecuteSearch><GALSearchCriterion><Query>a</Query></GALSearchCriterion></ExecuteSearch></Find>"), WbxmlLimits.Default));

    [Fact]
    public void Parse_FreeTextLongerThanTheLimit_IsRejected() =>
        Rejected($"<ExecuteSearch><MailBoxSearchCriterion><Query><FreeText>{new string('a', FindLimits.MaxQueryLength + 1)}</FreeText></Query></MailBoxSearchCriterion></ExecuteSearch>");

    [Fact]
    public void Parse_WrongRoot_IsRejected() =>
        AssertRejected(() => FindRequestParser.Parse(Encode("<Search xmlns=\"Search:\"/>"), WbxmlLimits.Default));
}
