using System.Text.Json;
using Socialtjanst.Corpus;

// dotnet run --project bench/Corpus -- evaluate              scores both evaluation sets (precision, recall, full-span coverage; names by token and origin)
// dotnet run --project bench/Corpus -- evaluate FILE.jsonl   scores one labelled set
// dotnet run --project bench/Corpus -- generate              writes the first corpus (600 notes, seed 2025, written beside the detectors)
// dotnet run --project bench/Corpus -- memory                 the lexicon's size in memory and its load time
// dotnet run --project bench/Corpus -- speed [ROUNDS]         a quick scan-throughput check (the figures are BenchmarkDotNet's: bench/Micro)
// dotnet run --project bench/Corpus -- scan TEXT / why WORD   what the scanner finds in a text; what it knows of a word
// dotnet run --project bench/Corpus -- misses FILE.jsonl     lists what was missed or found wrongly, with its context
// dotnet run --project bench/Corpus -- generate-blind        writes the third, blind set (500 notes, seed 2027, frames and names used nowhere else)
// dotnet run --project bench/Corpus -- generate-journal      writes the fourth set (500 journal entries, seed 2028, blind when written)
// dotnet run --project bench/Corpus -- generate-field        writes the second set (600 notes, seed 2026, written apart from the detectors)
var command = args.Length > 0 ? args[0] : "evaluate";
var folder = Path.Combine("tests", "Documentation.Tests", "corpus");
var today = new DateOnly(2026, 11, 23);
switch (command)
{
    case "generate":
        await Write(args.Length > 1 ? args[1] : Path.Combine(folder, "notes.jsonl"), new Generator(2025).Notes(600));
        return 0;
    case "misses":
        foreach (var line in Misses.List(LabelledNote.ReadAll(args[1]), today))
        {
            Console.WriteLine(line);
        }

        return 0;
    case "scan":
        foreach (var d in Socialtjanst.NoteScanning.IdentifierScanner.Scan(args[1], today))
        {
            Console.WriteLine($"{d.Detector} {d.Confidence:F2} [{args[1].Substring(d.Start, d.Length)}]");
        }

        return 0;
    case "why":
        Console.WriteLine(Socialtjanst.NoteScanning.NameRules.Read(Socialtjanst.NoteScanning.Lexicon.Instance, args[1]));
        return 0;
    case "generate-blind":
        await Write(args.Length > 1 ? args[1] : Path.Combine(folder, "blind-notes.jsonl"), new BlindNotes(2027).Notes(500));
        return 0;
    case "generate-journal":
        await Write(args.Length > 1 ? args[1] : Path.Combine(folder, "journal-notes.jsonl"), new JournalNotes(2028).Notes(500));
        return 0;
    case "speed":
        {
            var unit = "Samtal med Anna Svensson (811218-9876) om sömn och skolgång. Nås på 070-123 45 67 eller anna.svensson@exempel.se. " +
                       "Bor på Storgatan 12, 952 31 Kalix. Mående vid start 3 av 5. Nästa träff 2025-11-04 kl. 14.30. Beviljat 1 250 kr. " +
                       "Kuratorn gick igenom planen med vårdnadshavaren och bokade uppföljning om två veckor. ";
            var big = string.Concat(Enumerable.Repeat(unit, 200));
            var lex = Socialtjanst.NoteScanning.Lexicon.Instance;
            var words = big.Split(' ', '.', ',', '(', ')').Where(w => w.Length > 0).ToArray();
            for (var round = 0; round < (args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3); round++)
            {
                var sw = System.Diagnostics.Stopwatch.StartNew();
                for (var k = 0; k < 50; k++)
                {
                    Socialtjanst.NoteScanning.IdentifierScanner.Scan(big, today);
                }

                var scan = sw.Elapsed.TotalMilliseconds / 50;
                sw.Restart();
                var sum = 0u;
                for (var k = 0; k < 50; k++)
                {
                    foreach (var w in words)
                    {
                        sum += (uint)lex.Classify(w);
                    }
                }

                Console.WriteLine($"{big.Length} chars: scan {scan:F3} ms ({big.Length / scan / 1000:F1} MB/s as chars); classify every word {sw.Elapsed.TotalMilliseconds / 50:F3} ms ({words.Length} words) {sum % 2}");
            }

            return 0;
        }

    case "memory":
        {
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var lexicon = Socialtjanst.NoteScanning.Lexicon.Instance;
            var load = sw.Elapsed;
            var after = GC.GetTotalMemory(forceFullCollection: true);
            Console.WriteLine($"lexicon: {lexicon.WordCount} word forms; managed heap +{(after - before) / 1024.0 / 1024.0:F1} MiB; loaded in {load.TotalMilliseconds:F0} ms");
            return 0;
        }

    case "generate-hurried":
        await Write(args.Length > 1 ? args[1] : Path.Combine(folder, "hurried-notes.jsonl"), new HurriedNotes(2029).Notes(600));
        return 0;
    case "generate-intake":
        await Write(args.Length > 1 ? args[1] : Path.Combine(folder, "intake-notes.jsonl"), new IntakeNotes(2030).Notes(500));
        return 0;
    case "detections":
        // Every detection on every note of the sets, one line each: diff the output before and after a refactoring.
        foreach (var path in args.Length > 1 ? args[1..] : Directory.GetFiles(folder, "*.jsonl").Order(StringComparer.Ordinal).ToArray())
        {
            var index = 0;
            foreach (var note in LabelledNote.ReadAll(path))
            {
                foreach (var d in Socialtjanst.NoteScanning.IdentifierScanner.Scan(note.Text, today))
                {
                    Console.WriteLine($"{Path.GetFileName(path)} {index} {d.Detector} {d.Start} {d.Length} {d.Confidence:F2}");
                }

                index++;
            }
        }

        return 0;
    case "by-form":
        foreach (var line in Evaluation.ByForm(LabelledNote.ReadAll(args[1]), today))
        {
            Console.WriteLine(line);
        }

        return 0;
    case "generate-field":
        await Write(args.Length > 1 ? args[1] : Path.Combine(folder, "field-notes.jsonl"), new FieldNotes(2026).Notes(600));
        return 0;
}

var paths = args.Length > 1 ? [args[1]] : new[] { Path.Combine(folder, "notes.jsonl"), Path.Combine(folder, "field-notes.jsonl"), Path.Combine(folder, "blind-notes.jsonl"), Path.Combine(folder, "journal-notes.jsonl"), Path.Combine(folder, "hurried-notes.jsonl"), Path.Combine(folder, "intake-notes.jsonl"), Path.Combine(folder, "casework-notes.jsonl"), Path.Combine(folder, "logbook-notes.jsonl"), Path.Combine(folder, "service-notes.jsonl") };
foreach (var path in paths)
{
    var notes = LabelledNote.ReadAll(path).ToList();
    Console.WriteLine($"{path}: {notes.Count} notes, {notes.Sum(n => n.Labels.Count)} labelled identifiers");
    foreach (var score in Evaluation.Score(notes, today).Concat(Evaluation.NameTokens(notes, today)))
    {
        Console.WriteLine(score);
    }

    Console.WriteLine();
}

return 0;

static async Task Write(string path, IEnumerable<LabelledNote> notes)
{
    var lines = notes.Select(n => JsonSerializer.Serialize(n, LabelledNote.Json)).ToList();
    await File.WriteAllLinesAsync(path, lines);
    Console.WriteLine($"wrote {lines.Count} notes to {path}");
}
