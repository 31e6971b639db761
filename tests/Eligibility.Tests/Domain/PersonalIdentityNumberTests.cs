using Socialtjanst.Eligibility.Domain;
using Socialtjanst.IdentityNumbers;

namespace Socialtjanst.Eligibility.Tests.Domain;

public class PersonalIdentityNumberTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Theory]
    [InlineData("19121212-1212", 1912, 12, 12)]
    [InlineData("191212121212", 1912, 12, 12)]
    [InlineData("121212+1212", 1912, 12, 12)]
    [InlineData("811218-9876", 1981, 12, 18)]
    [InlineData("8112189876", 1981, 12, 18)]
    [InlineData("198112189876", 1981, 12, 18)]
    [InlineData("19811218-9876", 1981, 12, 18)]
    [InlineData("701063-2391", 1970, 10, 3)]
    [InlineData("200002296127", 2000, 2, 29)]
    public void TryGetBirthDate_ValidNumbers_GiveTheBirthDate(string number, int year, int month, int day)
    {
        Assert.True(PersonalIdentityNumber.TryGetBirthDate(number, Today, out var birth));
        Assert.Equal(new DateOnly(year, month, day), birth);
    }

    [Theory]
    [InlineData("19121212-1213")]   // check digit
    [InlineData("811218-9877")]     // check digit
    [InlineData("810230-1234")]     // 30 February
    [InlineData("190102291234")]    // 29 February 1901 is not a day
    [InlineData("811318-9876")]     // month 13
    [InlineData("811218--9876")]
    [InlineData("81121-89876")]     // separator in the wrong place
    [InlineData("8112189")]
    [InlineData("1981121898761")]
    [InlineData("abcdefghij")]
    [InlineData("")]
    [InlineData("811218 9876")]
    [InlineData("203012121234")]    // born after today
    public void TryGetBirthDate_InvalidNumbers_AreRefused(string number)
    {
        Assert.False(PersonalIdentityNumber.TryGetBirthDate(number, Today, out _));
    }

    [Fact]
    public void TenDigits_TakeTheLatestCenturyNotInTheFuture()
    {
        Assert.True(PersonalIdentityNumber.TryGetBirthDate(WithCheckDigit("261122123"), Today, out var lastYear));
        Assert.Equal(new DateOnly(2026, 11, 22), lastYear);
        Assert.True(PersonalIdentityNumber.TryGetBirthDate(WithCheckDigit("261124123"), Today, out var tomorrowCentury));
        Assert.Equal(new DateOnly(1926, 11, 24), tomorrowCentury);
    }

    [Fact]
    public void SamordningsnummerOnLeapDay_IsRead()
    {
        Assert.True(PersonalIdentityNumber.TryGetBirthDate(WithCheckDigit("040289123"), Today, out var birth));
        Assert.Equal(new DateOnly(2004, 2, 29), birth);
        Assert.False(PersonalIdentityNumber.TryGetBirthDate(WithCheckDigit("050289123"), Today, out _));
    }

    [Theory]
    [InlineData(2000, 2, 29, 2025, 2, 27, 24)]
    [InlineData(2000, 2, 29, 2025, 2, 28, 25)]
    [InlineData(2000, 2, 29, 2024, 2, 28, 23)]
    [InlineData(2000, 2, 29, 2024, 2, 29, 24)]
    [InlineData(2010, 7, 1, 2025, 6, 30, 14)]
    [InlineData(2010, 7, 1, 2025, 7, 1, 15)]
    public void CompletedYears_CountBirthdaysThatHavePassed(int by, int bm, int bd, int y, int m, int d, int expected)
    {
        Assert.Equal(expected, Ages.CompletedYears(new DateOnly(by, bm, bd), new DateOnly(y, m, d)));
    }

    /// <summary>Appends the Luhn check digit, computed independently of the code under test.</summary>
    public static string WithCheckDigit(string nine)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            var product = (nine[i] - '0') * (i % 2 == 0 ? 2 : 1);
            sum += (product / 10) + (product % 10);
        }

        return nine + ((10 - (sum % 10)) % 10);
    }
}
