using System.Globalization;

namespace Pushbox.Mailbox.Search;

/// <summary>
/// Reads the Keyword Query Language (KQL, MS-KQL) subset a phone sends in a Find FreeText into a
/// <see cref="SearchCondition"/>. Pure: the only outside input is the day "today" means.
/// </summary>
/// <remarks>
/// <para>What is understood:</para>
/// <list type="bullet">
/// <item>Words, matched by prefix in every indexed field (a trailing <c>*</c> changes nothing); a word that
/// normalises to several (<c>o'neil</c>) asks for all of them.</item>
/// <item><c>"quoted phrases"</c>: whole words, in order, next to each other.</item>
/// <item>Property restrictions <c>name:value</c> (or <c>name=value</c>), the value a word, a phrase or a
/// parenthesised expression (<c>from:(anne OR bob)</c>): <c>from</c>, <c>to</c>, <c>cc</c>,
/// <c>participants</c>, <c>subject</c>, <c>body</c>, <c>attachment</c>/<c>attachments</c> (the names of
/// attachments, indexed with the body); <c>hasattachment</c>/<c>hasattachments</c> with true/false (yes/no,
/// 1/0); <c>received</c> and <c>sent</c> with <c>:</c>, <c>=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>,
/// <c>&gt;=</c>, <c>&lt;&gt;</c> and a date (<c>2024-05-31</c>, <c>2024/05/31</c>, an ISO date-time, a range
/// <c>2024-05-01..2024-05-31</c>, or <c>today</c>, <c>yesterday</c>, <c>"this week"</c>,
/// <c>"last week"</c>, <c>"this month"</c>, <c>"last month"</c>, <c>"this year"</c>,
/// <c>"last year"</c>; days in UTC, weeks from Monday). The store keeps one date per email, the date it was
/// received, so <c>sent</c> is answered with it.</item>
/// <item><c>AND</c>, <c>OR</c>, <c>NOT</c> (upper case, as KQL has them; lower case they are words),
/// <c>-word</c> for NOT and <c>+word</c> for a plain word, parentheses; juxtaposition is AND and AND binds
/// closer than OR.</item>
/// </list>
/// <para>
/// Deliberately: a restriction on any other property name (<c>kind:email</c>, <c>size&gt;10</c>) is read as
/// its words, as if typed without the colon; an unbalanced parenthesis or quote is closed at the end.
/// Refused (<see cref="TryParse"/> false, with the reason): a restriction on a known property with a value
/// it cannot take (<c>received:soon</c>, <c>hasattachment:maybe</c>, <c>subject&gt;x</c>), more than
/// <see cref="SearchText.MaxQueryWords"/> words, or nesting deeper than <see cref="MaxDepth"/>.
/// </para>
/// </remarks>
public static class KqlParser
{
    /// <summary>The deepest nesting of parentheses and NOT a query may have.</summary>
    public const int MaxDepth = 16;

    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy/MM/dd", "yyyy-M-d", "yyyy/M/d",
    ];

    private static readonly string[] InstantFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm",
    ];

    private enum Kind
    {
        Word,
        Phrase,
        Restriction,
        Open,
        Close,
        And,
        Or,
        Not,
    }

    /// <summary>
    /// Reads <paramref name="text"/>; <paramref name="condition"/> is null when it names nothing to look for
    /// (empty, or only punctuation). False, with <paramref name="error"/>, when the query cannot be answered.
    /// </summary>
    /// <param name="text">The KQL text.</param>
    /// <param name="today">The day (UTC) relative dates count from.</param>
    /// <param name="condition">The condition read.</param>
    /// <param name="error">Why the query was refused.</param>
    public static bool TryParse(string? text, DateOnly today, out SearchCondition? condition, out string? error)
    {
        condition = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        try
        {
            var parser = new Parser(Tokenize(text), today);
            condition = parser.ParseQuery();
        }
        catch (FormatException e)
        {
            error = e.Message;
            return false;
        }

        if (condition is not null && condition.WordCount > SearchText.MaxQueryWords)
        {
            condition = null;
            error = $"more than {SearchText.MaxQueryWords} words";
            return false;
        }

        return true;
    }

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '(')
            {
                tokens.Add(new Token(Kind.Open, "("));
                i++;
            }
            else if (c == ')')
            {
                tokens.Add(new Token(Kind.Close, ")"));
                i++;
            }
            else if (c == '"')
            {
                tokens.Add(new Token(Kind.Phrase, ReadPhrase(text, ref i)));
            }
            else
            {
                int start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')' or '"'))
                {
                    i++;
                }

                AddWord(tokens, text, text[start..i], ref i);
            }
        }

        return tokens;
    }

    private static string ReadPhrase(string text, ref int i)
    {
        int start = ++i;
        int end = text.IndexOf('"', start);
        if (end < 0)
        {
            i = text.Length;
            return text[start..];
        }

        i = end + 1;
        return text[start..end];
    }

    private static void AddWord(List<Token> tokens, string text, string word, ref int i)
    {
        switch (word)
        {
            case "AND" or "&&":
                tokens.Add(new Token(Kind.And, word));
                return;
            case "OR" or "||":
                tokens.Add(new Token(Kind.Or, word));
                return;
            case "NOT":
                tokens.Add(new Token(Kind.Not, word));
                return;
        }

        if (word is "-" or "+" && i < text.Length && text[i] is '"' or '(')
        {
            // -"a phrase" and -(a group) are negated too; + changes nothing.
            if (word == "-")
            {
                tokens.Add(new Token(Kind.Not, word));
            }

            return;
        }

        bool negated = false;
        if (word.Length > 1 && word[0] is '-' or '+')
        {
            negated = word[0] == '-';
            word = word[1..];
        }

        if (negated)
        {
            tokens.Add(new Token(Kind.Not, "-"));
        }

        int name = 0;
        while (name < word.Length && char.IsAsciiLetter(word[name]))
        {
            name++;
        }

        string? op = name == 0 || name == word.Length ? null : Operator(word.AsSpan(name));
        if (op is null)
        {
            tokens.Add(new Token(Kind.Word, word));
            return;
        }

        string value = word[(name + op.Length)..];
        var restriction = new Token(Kind.Restriction, value) { Name = word[..name].ToLowerInvariant(), Operator = op };
        if (value.Length == 0 && i < text.Length && text[i] == '"')
        {
            restriction = restriction with { Text = ReadPhrase(text, ref i), ValueIsPhrase = true };
        }
        else if (value.Length == 0 && i < text.Length && text[i] == '(')
        {
            restriction = restriction with { ValueIsGroup = true };
        }

        tokens.Add(restriction);
    }

    private static string? Operator(ReadOnlySpan<char> rest) =>
        rest.StartsWith("<=") ? "<="
        : rest.StartsWith(">=") ? ">="
        : rest.StartsWith("<>") ? "<>"
        : rest[0] is ':' or '=' or '<' or '>' ? rest[..1].ToString()
        : null;

    private sealed record Token(Kind Kind, string Text)
    {
        public string Name { get; init; } = string.Empty;

        public string Operator { get; init; } = string.Empty;

        public bool ValueIsPhrase { get; init; }

        public bool ValueIsGroup { get; init; }
    }

    private sealed class Parser(List<Token> tokens, DateOnly today)
    {
        private int _position;
        private int _depth;

        public SearchCondition? ParseQuery()
        {
            var parts = new List<SearchCondition>();
            while (_position < tokens.Count)
            {
                if (ParseOr(SearchField.All) is { } condition)
                {
                    parts.Add(condition);
                }

                // A stray ")" at the top level closes nothing: it is passed over.
                if (Peek()?.Kind == Kind.Close)
                {
                    _position++;
                }
            }

            return Combine(parts, and: true);
        }

        private Token? Peek() => _position < tokens.Count ? tokens[_position] : null;

        private SearchCondition? ParseOr(SearchField fields)
        {
            var parts = new List<SearchCondition>();
            if (ParseAnd(fields) is { } first)
            {
                parts.Add(first);
            }

            while (Peek()?.Kind == Kind.Or)
            {
                _position++;
                if (ParseAnd(fields) is { } next)
                {
                    parts.Add(next);
                }
            }

            return Combine(parts, and: false);
        }

        private SearchCondition? ParseAnd(SearchField fields)
        {
            var parts = new List<SearchCondition>();
            while (Peek() is { } token && token.Kind is not (Kind.Or or Kind.Close))
            {
                if (token.Kind == Kind.And)
                {
                    _position++;
                    continue;
                }

                if (ParseUnary(fields) is { } condition)
                {
                    parts.Add(condition);
                }
            }

            return Combine(parts, and: true);
        }

        private SearchCondition? ParseUnary(SearchField fields)
        {
            Token token = tokens[_position];
            if (token.Kind != Kind.Not)
            {
                return ParsePrimary(fields);
            }

            _position++;
            if (Peek() is null or { Kind: Kind.Or or Kind.Close or Kind.And })
            {
                return null;
            }

            Enter();
            SearchCondition? inner = ParseUnary(fields);
            _depth--;
            return inner is null ? null : new NotCondition(inner);
        }

        private SearchCondition? ParsePrimary(SearchField fields)
        {
            Token token = tokens[_position++];
            switch (token.Kind)
            {
                case Kind.Open:
                    return ParseGroup(fields);
                case Kind.Phrase:
                    return Text(fields, token.Text, phrase: true);
                case Kind.Word:
                    return Text(fields, token.Text, phrase: false);
                case Kind.Restriction:
                    return ParseRestriction(token, fields);
                default:
                    return null;
            }
        }

        private SearchCondition? ParseGroup(SearchField fields)
        {
            Enter();
            SearchCondition? inner = ParseOr(fields);
            if (Peek()?.Kind == Kind.Close)
            {
                _position++;
            }

            _depth--;
            return inner;
        }

        private void Enter()
        {
            if (++_depth > MaxDepth)
            {
                throw new FormatException($"nested deeper than {MaxDepth}");
            }
        }

        private SearchCondition? ParseRestriction(Token token, SearchField fields)
        {
            SearchField? field = token.Name switch
            {
                "from" => SearchField.From,
                "to" => SearchField.To,
                "cc" => SearchField.Cc,
                "participants" => SearchField.Participants,
                "subject" => SearchField.Subject,
                "body" => SearchField.Body,
                "attachment" or "attachments" => SearchField.Body,
                _ => null,
            };
            if (field is { } textField)
            {
                if (token.Operator is not (":" or "="))
                {
                    throw new FormatException($"{token.Name} is text and takes no \"{token.Operator}\"");
                }

                return token.ValueIsGroup ? ParseGroupValue(textField)
                    : token.Text.Length == 0 ? Text(fields, token.Name, phrase: false)
                    : Text(textField, token.Text, token.ValueIsPhrase);
            }

            switch (token.Name)
            {
                case "hasattachment" or "hasattachments":
                    return token.Operator is ":" or "=" && !token.ValueIsGroup && Boolean(token.Text) is { } has
                        ? new AttachmentCondition(has)
                        : throw new FormatException($"{token.Name} takes true or false");
                case "received" or "sent":
                    if (token.ValueIsGroup)
                    {
                        throw new FormatException($"{token.Name} takes a date, not a group");
                    }

                    return token.Operator == "<>" ? new NotCondition(Received(token)) : Received(token);
                default:
                    // An unknown property: its words, as if typed without the operator.
                    SearchCondition? name = Text(fields, token.Name, phrase: false);
                    SearchCondition? value = token.ValueIsGroup ? ParseGroupValue(fields) : Text(fields, token.Text, token.ValueIsPhrase);
                    return Combine([.. new[] { name, value }.OfType<SearchCondition>()], and: true);
            }
        }

        private SearchCondition? ParseGroupValue(SearchField field)
        {
            // The token stream holds the "(" right after the restriction.
            _position++;
            return ParseGroup(field);
        }

        private ReceivedCondition Received(Token token)
        {
            (DateTimeOffset low, DateTimeOffset high) = DateValue(token.Text)
                ?? throw new FormatException($"{token.Name} takes a date, not \"{token.Text}\"");
            return token.Operator switch
            {
                ">" => new ReceivedCondition(high, null),
                ">=" => new ReceivedCondition(low, null),
                "<" => new ReceivedCondition(null, low),
                "<=" => new ReceivedCondition(null, high),
                _ => new ReceivedCondition(low, high),
            };
        }

        private (DateTimeOffset Low, DateTimeOffset High)? DateValue(string value)
        {
            string text = value.Trim();
            int dots = text.IndexOf("..", StringComparison.Ordinal);
            if (dots > 0)
            {
                return DateValue(text[..dots]) is { } first && DateValue(text[(dots + 2)..]) is { } last && first.Low <= last.High
                    ? (first.Low, last.High)
                    : null;
            }

            DateOnly monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
            var thisMonth = new DateOnly(today.Year, today.Month, 1);
            var thisYear = new DateOnly(today.Year, 1, 1);
            (DateOnly, DateOnly)? days = text.ToLowerInvariant() switch
            {
                "today" => (today, today.AddDays(1)),
                "yesterday" => (today.AddDays(-1), today),
                "this week" => (monday, monday.AddDays(7)),
                "last week" => (monday.AddDays(-7), monday),
                "this month" => (thisMonth, thisMonth.AddMonths(1)),
                "last month" => (thisMonth.AddMonths(-1), thisMonth),
                "this year" => (thisYear, thisYear.AddYears(1)),
                "last year" => (thisYear.AddYears(-1), thisYear),
                _ => null,
            };
            if (days is { } relative)
            {
                return (Midnight(relative.Item1), Midnight(relative.Item2));
            }

            if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day))
            {
                return (Midnight(day), Midnight(day.AddDays(1)));
            }

            if (DateTimeOffset.TryParseExact(text, InstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset instant))
            {
                return (instant, instant.AddSeconds(1));
            }

            return null;
        }

        private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        private static bool? Boolean(string value) => value.ToLowerInvariant() switch
        {
            "true" or "yes" or "1" => true,
            "false" or "no" or "0" => false,
            _ => null,
        };

        private static TextCondition? Text(SearchField fields, string text, bool phrase)
        {
            IReadOnlyList<string> words = phrase ? PhraseWords(text) : SearchText.Words(text);
            return words.Count == 0 ? null : new TextCondition(fields, words, phrase && words.Count > 1);
        }

        private static List<string> PhraseWords(string text) =>
            SearchText.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(w => w.Length > SearchText.MaxWordLength ? w[..SearchText.MaxWordLength] : w)
                .ToList();

        private static SearchCondition? Combine(List<SearchCondition> parts, bool and) => parts.Count switch
        {
            0 => null,
            1 => parts[0],
            _ => and ? new AndCondition(parts) : new OrCondition(parts),
        };
    }
}
