using Pushbox.Mailbox.Search;

namespace Pushbox.Mailbox.Tests;

/// <summary>KqlParser: the KQL subset a Find FreeText may hold, read into search conditions.</summary>
public class KqlParserTests
{
    private static readonly DateOnly Today = new(2025, 3, 12); // a Wednesday

    private static readonly DateTimeOffset March12 = new(2025, 3, 12, 0, 0, 0, TimeSpan.Zero);

    private static SearchCondition? Parse(string text)
    {
        Assert.True(KqlParser.TryParse(text, Today, out SearchCondition? condition, out string? error), error);
        return condition;
    }

    private static string Refused(string text)
    {
        Assert.False(KqlParser.TryParse(text, Today, out SearchCondition? condition, out string? error));
        Assert.Null(condition);
        return error!;
    }

    private static TextCondition Words(SearchField fields, params string[] words) => new(fields, words);

    private static void AssertSame(SearchCondition? expected, SearchCondition? actual) =>
        Assert.Equal(Describe(expected), Describe(actual));

    private static string Describe(SearchCondition? condition) => condition switch
    {
        null => "-",
        TextCondition t => $"{t.Fields}[{string.Join(' ', t.Words)}]{(t.Phrase ? "\"" : string.Empty)}",
        AndCondition a => $"AND({string.Join(", ", a.Conditions.Select(Describe))})",
        OrCondition o => $"OR({string.Join(", ", o.Conditions.Select(Describe))})",
        NotCondition n => $"NOT({Describe(n.Condition)})",
        ReceivedCondition r => $"RECEIVED({r.From:O}..{r.Before:O})",
        AttachmentCondition h => $"ATTACH({h.HasAttachments})",
        _ => condition.ToString()!,
    };

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("* & ;")]
    public void TryParse_NothingToLookFor_IsNoCondition(string text) => Assert.Null(Parse(text));

    [Fact]
    public void TryParse_BareWords_AreAndedPrefixWordsInEveryField()
    {
        AssertSame(new AndCondition([Words(SearchField.All, "budget"), Words(SearchField.All, "revi")]), Parse("Budget revi*"));
        AssertSame(Words(SearchField.All, "o", "neil"), Parse("O'Neil"));
        AssertSame(Words(SearchField.All, "cafe"), Parse("Café"));
    }

    [Fact]
    public void TryParse_Phrase_KeepsItsWordsInOrder()
    {
        AssertSame(new TextCondition(SearchField.All, ["kickoff", "meeting", "meeting"], Phrase: true), Parse("\"Kickoff meeting meeting\""));
        AssertSame(new TextCondition(SearchField.Subject, ["q4", "plan"], Phrase: true), Parse("subject:\"Q4 plan\""));
        AssertSame(Words(SearchField.All, "alone"), Parse("\"alone\""));
        AssertSame(new TextCondition(SearchField.All, ["never", "closed"], Phrase: true), Parse("\"never closed"));
    }

    [Theory]
    [InlineData("from:anne", SearchField.From)]
    [InlineData("FROM=anne", SearchField.From)]
    [InlineData("to:anne", SearchField.To)]
    [InlineData("cc:anne", SearchField.Cc)]
    [InlineData("participants:anne", SearchField.Participants)]
    [InlineData("subject:anne", SearchField.Subject)]
    [InlineData("body:anne", SearchField.Body)]
    [InlineData("attachment:anne", SearchField.Body)]
    public void TryParse_TextRestriction_NamesItsField(string text, SearchField field) =>
        AssertSame(Words(field, "anne"), Parse(text));

    [Fact]
    public void TryParse_RestrictionOnAGroup_AppliesToEveryTermInIt()
    {
        AssertSame(
            new AndCondition([new OrCondition([Words(SearchField.From, "anne"), Words(SearchField.From, "bob")]), Words(SearchField.All, "budget")]),
            Parse("from:(anne OR bob) budget"));
    }

    [Fact]
    public void TryParse_Operators_AndBindsCloserThanOr()
    {
        AssertSame(
            new OrCondition([new AndCondition([Words(SearchField.All, "a"), Words(SearchField.All, "b")]), Words(SearchField.All, "c")]),
            Parse("a AND b OR c"));
        AssertSame(
            new AndCondition([Words(SearchField.All, "a"), new OrCondition([Words(SearchField.All, "b"), Words(SearchField.All, "c")])]),
            Parse("a (b OR c)"));
        AssertSame(new AndCondition([Words(SearchField.All, "a"), new NotCondition(Words(SearchField.From, "bob"))]), Parse("a NOT from:bob"));
        AssertSame(new AndCondition([Words(SearchField.All, "a"), new NotCondition(Words(SearchField.All, "b")), Words(SearchField.All, "c")]), Parse("a -b +c"));
        AssertSame(new AndCondition([Words(SearchField.All, "a"), Words(SearchField.All, "or"), Words(SearchField.All, "b")]), Parse("a or b"));
        AssertSame(new AndCondition([Words(SearchField.All, "a"), new NotCondition(new TextCondition(SearchField.All, ["b", "c"], Phrase: true))]), Parse("a -\"b c\""));
        AssertSame(new AndCondition([Words(SearchField.All, "a"), new NotCondition(new OrCondition([Words(SearchField.All, "b"), Words(SearchField.All, "c")]))]), Parse("a -(b OR c)"));
        AssertSame(new AndCondition([Words(SearchField.All, "a"), new TextCondition(SearchField.All, ["b", "c"], Phrase: true)]), Parse("a +\"b c\""));
    }

    [Fact]
    public void TryParse_Attachments_TakeTrueOrFalse()
    {
        AssertSame(new AttachmentCondition(true), Parse("hasattachments:true"));
        AssertSame(new AttachmentCondition(true), Parse("HasAttachment:yes"));
        AssertSame(new AttachmentCondition(false), Parse("hasattachment:0"));
        Assert.Contains("true or false", Refused("hasattachment:maybe"), StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Dates_BecomeHalfOpenIntervals()
    {
        DateTimeOffset march5 = new(2025, 3, 5, 0, 0, 0, TimeSpan.Zero);
        DateTimeOffset march6 = march5.AddDays(1);
        AssertSame(new ReceivedCondition(march5, march6), Parse("received:2025-03-05"));
        AssertSame(new ReceivedCondition(march5, march6), Parse("sent=2025/03/05"));
        AssertSame(new ReceivedCondition(march6, null), Parse("received>2025-03-05"));
        AssertSame(new ReceivedCondition(march5, null), Parse("received>=2025-03-05"));
        AssertSame(new ReceivedCondition(null, march5), Parse("received<2025-03-05"));
        AssertSame(new ReceivedCondition(null, march6), Parse("received<=2025-03-05"));
        AssertSame(new NotCondition(new ReceivedCondition(march5, march6)), Parse("received<>2025-03-05"));
        AssertSame(new ReceivedCondition(march5.AddDays(-4), march6), Parse("received:2025-03-01..2025-03-05"));
        AssertSame(new ReceivedCondition(march5.AddHours(9), march5.AddHours(9).AddSeconds(1)), Parse("received:2025-03-05T09:00:00Z"));
    }

    [Fact]
    public void TryParse_RelativeDates_CountFromToday()
    {
        AssertSame(new ReceivedCondition(March12, March12.AddDays(1)), Parse("received:today"));
        AssertSame(new ReceivedCondition(March12.AddDays(-1), March12), Parse("received:yesterday"));
        AssertSame(new ReceivedCondition(March12.AddDays(-2), March12.AddDays(5)), Parse("received:\"this week\""));
        AssertSame(new ReceivedCondition(March12.AddDays(-9), March12.AddDays(-2)), Parse("received:\"last week\""));
        AssertSame(new ReceivedCondition(March12.AddDays(-11), March12.AddDays(20)), Parse("received:\"this month\""));
        AssertSame(new ReceivedCondition(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)), Parse("received:\"last year\""));
    }

    [Theory]
    [InlineData("received:soon")]
    [InlineData("received:2025-02-30")]
    [InlineData("received:(today)")]
    [InlineData("subject>budget")]
    public void TryParse_KnownPropertyWithAValueItCannotTake_IsRefused(string text) => Refused(text);

    [Fact]
    public void TryParse_UnknownProperty_IsReadAsItsWords()
    {
        AssertSame(new AndCondition([Words(SearchField.All, "kind"), Words(SearchField.All, "email")]), Parse("kind:email"));
        AssertSame(Words(SearchField.All, "re"), Parse("re:"));
    }

    [Fact]
    public void TryParse_Limits_AreEnforced()
    {
        Assert.Contains("words", Refused(string.Join(' ', Enumerable.Range(0, SearchText.MaxQueryWords + 1).Select(i => $"w{i}"))), StringComparison.Ordinal);
        Assert.Contains("nested", Refused(new string('(', KqlParser.MaxDepth + 1) + "a"), StringComparison.Ordinal);
        Assert.NotNull(Parse(new string('(', KqlParser.MaxDepth) + "a"));
    }

    [Fact]
    public void TryParse_StrayParenthesis_IsPassedOver() =>
        AssertSame(new AndCondition([Words(SearchField.All, "a"), Words(SearchField.All, "b")]), Parse("a ) b"));
}
