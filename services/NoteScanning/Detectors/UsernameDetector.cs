using System.Collections.Frozen;

namespace Socialtjanst.NoteScanning.Detectors;

/// <summary>
/// A user name on a web service, in an app or a game: an @-handle ("@sara_lund88"), or a name shaped as one (a digit, an
/// underscore or an inner full stop in it: "kalle_92", "darkwolf2009", "sara.lund") after a word that names it
/// ("användarnamn: kalle_92", "Användarnamnet på Discord är darkwolf2009", "Snapchat: kalle_92"). The service's
/// register, or anyone who searches for it, names the person, so under 14 kap. 5 § SoL it is an identity-revealing
/// detail; notes on children and young people name the accounts through which contact was made. Offered at '@' after
/// the e-mail detector (an '@' with a local part before it is an e-mail's), and by the pass at a word that goes on with
/// a digit, an underscore or a full stop.
/// </summary>
public sealed class UsernameDetector : IDetector
{
    /// <summary>
    /// The words that name a user name (to the pass, shorthand: never a person's name themselves). Not "nick", which is
    /// also a given name ("pratat m nick idag").
    /// </summary>
    internal static readonly string[] UsernameWords =
    [
        "användarnamn", "användarnamnet", "användarnamnen", "användar-id", "användarid", "alias", "aliaset",
        "nickname", "gamertag", "profilnamn", "profilnamnet", "kontonamn", "kontonamnet",
    ];

    // The services whose name may stand before a user name ("Snapchat: kalle_92") or between its word and it ("Användarnamnet på Discord är …").
    private static readonly string[] Services =
    [
        "instagram", "insta", "snapchat", "snap", "tiktok", "discord", "facebook", "fb", "messenger", "whatsapp", "telegram", "kik",
        "twitter", "steam", "xbox", "playstation", "psn", "roblox", "fortnite", "youtube", "twitch", "reddit", "threads", "signal",
    ];

    private static readonly string[] Between =
    [
        "är", "var", "på", "i", "spelet", "appen", "chatten", "forumet", "sidan", "sajten", "tjänsten", "plattformen", "gruppen",
        "spel", "app", "chatt", "forum",
    ];

    public IdentifierKind Kind => IdentifierKind.Username;

    public string Anchors => "@";

    /// <summary>"@sara_lund88": an '@' that starts a word, and the handle after it.</summary>
    public Detection? At(string text, int at, DateOnly today)
    {
        if (at > 0 && (char.IsLetterOrDigit(text[at - 1]) || text[at - 1] is '.' or '_' or '%' or '+' or '-'))
        {
            return null; // an e-mail's '@' (or a broken one)
        }

        var end = HandleEnd(text, at + 1);
        return end - at > 2 && HasLetter(text.AsSpan(at + 1, end - at - 1)) ? new Detection(IdentifierKind.Username, at, end - at, 0.9) : null;
    }

    /// <summary>A user name that starts with the word at [<paramref name="start"/>, <paramref name="end"/>), after a word that names one; or null.</summary>
    public static Detection? AfterItsWord(string text, int start, int end)
    {
        var handleEnd = HandleEnd(text, start);
        if (handleEnd == end || handleEnd - start is < 3 or > 30 || !IsNamed(text, start))
        {
            return null; // no digit, underscore or inner full stop: a word or a name, which the other rules read
        }

        return new Detection(IdentifierKind.Username, start, handleEnd - start, 0.9);
    }

    // A user name's characters: letters, digits, '_' and inner full stops.
    private static int HandleEnd(string text, int from)
    {
        var end = from;
        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'
            || (text[end] is '.' or '-' && end + 1 < text.Length && char.IsLetterOrDigit(text[end + 1]) && end > from)))
        {
            end++;
        }

        return end;
    }

    private static bool HasLetter(ReadOnlySpan<char> handle)
    {
        foreach (var c in handle)
        {
            if (char.IsLetter(c))
            {
                return true;
            }
        }

        return false;
    }

    // Every word the look back reads, with what it is: one look-up a word (the word before most handle-shaped words,
    // "anna" of "anna.svensson@…", is none of them).
    private static readonly FrozenDictionary<string, Role>.AlternateLookup<ReadOnlySpan<char>> Roles =
        UsernameWords.Select(w => (w, Role.Word)).Concat(Services.Select(w => (w, Role.Service))).Concat(Between.Select(w => (w, Role.Between)))
            .ToFrozenDictionary(p => p.w, p => p.Item2, StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();

    private enum Role
    {
        None,
        Word,
        Service,
        Between,
    }

    // "användarnamn: x", "Snapchat: x", "Användarnamnet på Discord är x": its word, with a service and "på", "är" between or not.
    private static bool IsNamed(string text, int start)
    {
        var (from, to) = NamedNumberDetector.Previous(text, start);
        for (var step = 0; step < 4 && from >= 0; step++)
        {
            var role = Roles.TryGetValue(text.AsSpan(from, to - from), out var r) ? r : Role.None;
            if (role == Role.Word || (step == 0 && role == Role.Service))
            {
                return true;
            }

            if (role == Role.None)
            {
                return false;
            }

            (from, to) = NamedNumberDetector.Previous(text, from);
        }

        return false;
    }
}
