namespace Socialtjanst.Corpus;

/// <summary>The personnummer's check digit (Luhn over the nine digits), for the generators' valid numbers.</summary>
public static class CheckDigit
{
    public static int Luhn(string nine)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            var p = (nine[i] - '0') * (i % 2 == 0 ? 2 : 1);
            sum += (p / 10) + (p % 10);
        }

        return (10 - (sum % 10)) % 10;
    }
}
