using System.Diagnostics;
using Grpc.Core;
using Socialtjanst.FollowUp.Application;
using Socialtjanst.FollowUp.Storage;
using Socialtjanst.FollowUp.V1;
using Socialtjanst.Type.V1;

namespace Socialtjanst.Bench;

/// <summary>
/// The IVO list of a kommun with many unexecuted decisions: the whole list's size against the 16 MB
/// answer limit, the export stream and paging through the list (time, and the process's memory at its
/// highest while each ran, sampled every 5 ms, against before).
/// </summary>
public static class IvoExportBench
{
    public static async Task RunAsync(BenchHost host, int count)
    {
        Console.WriteLine($"IVO export: {Environment.ProcessorCount} cores, {count} decisions never executed in one kommun, SQLite WAL, client and server in one process\n");
        var services = host.FollowUpServices;
        var rules = services.GetRequiredService<Decisions>().RulesOf("2514");
        var store = services.GetRequiredService<FollowUpStore>();
        var watch = Stopwatch.StartNew();
        var start = new DateOnly(2025, 1, 1);
        for (var done = 0; done < count; done += 10_000)
        {
            var rows = Enumerable.Range(done, Math.Min(10_000, count - done)).Select(i => Decisions.ToRow(new Decision
            {
                Name = $"municipalities/2514/decisions/{Guid.NewGuid():N}",
                CaseReference = $"KX-2025-{i:D6}",
                Intervention = "municipalities/2514/interventions/oppenvard-vuxna",
                DecisionDate = Of(start.AddDays(i % 180)),
            }, rules, version: 1)).ToList();
            await store.WriteAsync("2514", journal: null, async w =>
            {
                await w.InsertManyAsync(rows, DateTimeOffset.UtcNow);
                return 0;
            }, CancellationToken.None);
        }

        Console.WriteLine($"written in {watch.Elapsed.TotalSeconds:F1} s\n");
        var client = new FollowUpService.FollowUpServiceClient(host.Invoker(host.FollowUpAddress, "2514"));
        await client.ListExecutionDelaysAsync(new ListExecutionDelaysRequest { Parent = "municipalities/2514", Quarter = 20254, PageSize = 10 }); // warm-up

        long bytes = 0;
        var delays = 0;
        var (exportTime, exportPeak, before) = await MeasureAsync(async () =>
        {
            using var call = client.ExportExecutionDelays(new ExportExecutionDelaysRequest { Parent = "municipalities/2514", Quarter = 20254 });
            await foreach (var batch in call.ResponseStream.ReadAllAsync())
            {
                delays += batch.Delays.Count;
                bytes += batch.Delays.Sum(d => (long)d.CalculateSize() + 3);
            }
        });
        Console.WriteLine($"| the whole list as one answer would be | {bytes / 1048576.0:F1} MiB (limit 16 MiB) |");
        Console.WriteLine($"| ExportExecutionDelays, {delays} delays | {exportTime.TotalSeconds:F2} s; process memory at its highest {exportPeak / 1048576.0:F0} MiB (before: {before / 1048576.0:F0} MiB) |");

        // The same export over REST, as a portal or a script reads it: NDJSON, one message a line, read as it arrives.
        var restDelays = 0;
        var (restTime, restPeak, restBefore) = await MeasureAsync(async () =>
        {
            using var http = new HttpClient { BaseAddress = new Uri(host.FollowUpRestAddress), Timeout = TimeSpan.FromMinutes(5) };
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", host.Token("2514"));
            using var response = await http.GetAsync("/v1/municipalities/2514/executionDelays:export?quarter=20254", HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            while (await reader.ReadLineAsync() is { } line)
            {
                restDelays += System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("delays").GetArrayLength();
            }
        });
        Console.WriteLine($"| ExportExecutionDelays over REST (NDJSON), {restDelays} delays | {restTime.TotalSeconds:F2} s; process memory at its highest {restPeak / 1048576.0:F0} MiB (before: {restBefore / 1048576.0:F0} MiB) |");

        var pages = 0;
        var (listTime, listPeak, listBefore) = await MeasureAsync(async () =>
        {
            var token = "";
            do
            {
                var page = await client.ListExecutionDelaysAsync(new ListExecutionDelaysRequest { Parent = "municipalities/2514", Quarter = 20254, PageSize = 1000, PageToken = token });
                token = page.NextPageToken;
                pages++;
            }
            while (token.Length > 0);
        });
        Console.WriteLine($"| ListExecutionDelays, {pages} pages of 1000 | {listTime.TotalSeconds:F2} s; process memory at its highest {listPeak / 1048576.0:F0} MiB (before: {listBefore / 1048576.0:F0} MiB) |");
    }

    private static async Task<(TimeSpan Time, long Peak, long Before)> MeasureAsync(Func<Task> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = Environment.WorkingSet;
        var peak = before;
        using var done = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                peak = Math.Max(peak, Environment.WorkingSet);
                await Task.Delay(5);
            }
        });
        var watch = Stopwatch.StartNew();
        await run();
        var time = watch.Elapsed;
        await done.CancelAsync();
        await sampler;
        return (time, Math.Max(peak, Environment.WorkingSet), before);
    }

    private static Date Of(DateOnly day) => new() { Year = day.Year, Month = day.Month, Day = day.Day };
}
