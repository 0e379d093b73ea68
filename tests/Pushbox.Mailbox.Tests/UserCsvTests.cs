using Pushbox.Mailbox.Users;

namespace Pushbox.Mailbox.Tests;

public class UserCsvTests
{
    [Fact]
    public async Task Read_MixedFile_ParsesGoodLinesAndNamesBrokenOnes()
    {
        const string csv = """
            email,password,name
            alice@example.com,s3cret,Alice Smith
            "bob@example.com","pa,ss""word","Bob ""B"" Jones"

            carol@example.com,pw
            not-an-address,pw,Nobody
            dave@example.com,"unterminated,Dave
            erin@example.com,pw,Erin,extra
            frank@example.com,,Frank
            gina@example.com,p"w,Gina
            """;

        var rows = new List<UserCsvRow>();
        await foreach (UserCsvRow row in UserCsv.ReadAsync(new StringReader(csv)))
        {
            rows.Add(row);
        }

        Assert.Equal(
            [
                "2 alice@example.com|s3cret|Alice Smith",
                "3 bob@example.com|pa,ss\"word|Bob \"B\" Jones",
                "5 carol@example.com|pw|",
                "6 line 6: 'not-an-address' is not an email address",
                "7 line 7: a quoted field is not closed",
                "8 line 8: expected email,password,name but found 4 field(s)",
                "9 line 9: the password must have 1 to 1024 characters",
                "10 line 10: a quote inside an unquoted field at column 19",
            ],
            rows.Select(r => r.Error is null ? $"{r.Line} {r.Address}|{r.Password}|{r.DisplayName}" : $"{r.Line} {r.Error}"));
    }
}
