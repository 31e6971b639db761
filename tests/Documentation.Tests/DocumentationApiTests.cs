using Socialtjanst.Documentation.V1;

namespace Socialtjanst.Documentation.Tests;

/// <summary>A real Catalog and a real Documentation on loopback, shared by the tests of a class.</summary>
public sealed class DocumentationStack : IAsyncLifetime
{
    private readonly string state = Hosts.TempPath("documentation-tests");
    private DocumentationHost host = null!;

    public CatalogHost Catalog { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Catalog = await CatalogHost.StartAsync();
        host = await DocumentationHost.StartAsync(Catalog, state);
    }

    public DocumentationService.DocumentationServiceClient ClientFor(string code, params string[] scopes) => host.ClientFor(code, scopes);

    public CallInvoker InvokerFor(string code) => host.InvokerFor(code);

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await Catalog.DisposeAsync();
        Directory.Delete(state, recursive: true);
    }
}

public class DocumentationApiTests(DocumentationStack stack) : IClassFixture<DocumentationStack>
{
    private const string Note = "Samtal med 811218-9876, nås på 070-123 45 67. Mående vid start 3 av 5.";

    private DocumentationService.DocumentationServiceClient Kalix => stack.ClientFor("2514");

    [Fact]
    public async Task Policy_ForAnIdentityExemptInsats_ForbidsIdentity()
    {
        var policy = await Kalix.GetRecordingPolicyAsync(new GetRecordingPolicyRequest { Intervention = "municipalities/2514/interventions/bra-samtal", AsOf = D.Of(2025, 10, 1) });
        Assert.Equal(Requirement.Forbidden, policy.Policies.Single(p => p.Category == DataCategory.Identity).Requirement);
        Assert.Equal(Requirement.Required, policy.Policies.Single(p => p.Category == DataCategory.ActivityLevel).Requirement);
    }

    [Fact]
    public async Task Policy_ForTreatmentClaimingTheCounsellingExemption_AnswersTheStatuteWithTheFinding()
    {
        var client = stack.ClientFor("9999");
        var policy = await client.GetRecordingPolicyAsync(new GetRecordingPolicyRequest { Intervention = "municipalities/9999/interventions/repulse", AsOf = D.Of(2025, 10, 1) });
        Assert.Equal(Requirement.Required, policy.Policies.Single(p => p.Category == DataCategory.Identity).Requirement);
        Assert.Contains("counselling-exemption-on-non-counselling", policy.StatuteFloor, StringComparison.Ordinal);
        Assert.Equal("SoL (2025:400)", policy.Act);
        Assert.NotEmpty(policy.CommitteeDecisionReference);
    }

    [Fact]
    public async Task Policy_BeforeJuly2025_CitesTheOldAct_AndAnIdentityExemptionCarriesItsGrounds()
    {
        var old = await Kalix.GetRecordingPolicyAsync(new GetRecordingPolicyRequest { Intervention = "municipalities/2514/interventions/oppenvard-vuxna", AsOf = D.Of(2025, 3, 1) });
        Assert.Equal("SoL (2001:453)", old.Act);
        Assert.All(old.Policies, p => Assert.EndsWith("SoL (2001:453)", p.Basis, StringComparison.Ordinal));
        var exempt = await Kalix.GetRecordingPolicyAsync(new GetRecordingPolicyRequest { Intervention = "municipalities/2514/interventions/bra-samtal", AsOf = D.Of(2025, 10, 1) });
        Assert.NotEmpty(exempt.SpecialGrounds);
    }

    [Fact]
    public async Task Review_UnderFourteenFive_RejectsOrRedactsEveryIdentifier()
    {
        var rejected = await Kalix.ReviewRecordAsync(new ReviewRecordRequest { Intervention = "municipalities/2514/interventions/bra-samtal", AsOf = D.Of(2025, 10, 1), Text = Note });
        Assert.False(rejected.Accepted);
        Assert.Equal(["personnummer", "phone"], rejected.Findings.Select(f => f.Detector).ToArray());
        Assert.All(rejected.Findings, f => Assert.StartsWith("14 kap. 5 § SoL", f.Rule, StringComparison.Ordinal));
        Assert.Equal("Samtal med [borttaget], nås på [borttaget]. Mående vid start 3 av 5.", rejected.RedactedText);

        var redacted = await Kalix.ReviewRecordAsync(new ReviewRecordRequest
        {
            Intervention = "municipalities/2514/interventions/bra-samtal",
            AsOf = D.Of(2025, 10, 1),
            Text = Note,
            Fields = { new RecordField { Name = "kontakt", Value = "anna@exempel.se" } },
            OnViolation = FindingAction.Redact,
        });
        Assert.True(redacted.Accepted);
        Assert.Equal("[borttaget]", redacted.RedactedFields.Single().Value);
    }

    [Fact]
    public async Task Review_UnderFourteenThree_FindsButAccepts()
    {
        var review = await Kalix.ReviewRecordAsync(new ReviewRecordRequest { Intervention = "municipalities/2514/interventions/tolvstegsmodellen", AsOf = D.Of(2025, 10, 1), Text = Note });
        Assert.True(review.Accepted);
        Assert.Equal(2, review.Findings.Count);
        Assert.All(review.Findings, f => Assert.False(f.Violation));
        Assert.Equal(Note, review.RedactedText);
    }

    [Fact]
    public async Task Review_BadInput_IsNamed_AndTheNoteIsNeverEchoed()
    {
        var empty = await Assert.ThrowsAsync<RpcException>(() => Kalix.ReviewRecordAsync(new ReviewRecordRequest { Intervention = "municipalities/2514/interventions/bra-samtal" }).ResponseAsync);
        Assert.Contains(empty.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations, v => v.Field == "text");
        var big = await Assert.ThrowsAsync<RpcException>(() => Kalix.ReviewRecordAsync(new ReviewRecordRequest { Intervention = "municipalities/2514/interventions/bra-samtal", Text = new string('x', 20_001) + " 811218-9876" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, big.StatusCode);
        Assert.DoesNotContain("811218", big.GetRpcStatus()!.ToString(), StringComparison.Ordinal);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => Kalix.ReviewRecordAsync(new ReviewRecordRequest { Intervention = "municipalities/2514/interventions/finns-inte", Text = Note }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        var field = await Assert.ThrowsAsync<RpcException>(() => Kalix.ReviewRecordAsync(new ReviewRecordRequest { Intervention = "municipalities/2514/interventions/bra-samtal", Text = "ok", Fields = { new RecordField { Name = "Ogiltigt Namn" } } }).ResponseAsync);
        Assert.Contains(field.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations, v => v.Field == "fields[0].name");
    }

    [Fact]
    public async Task Review_RedactsEachIdentifierWhole_LeavingNothingOfItBehind()
    {
        var review = await Kalix.ReviewRecordAsync(new ReviewRecordRequest
        {
            Intervention = "municipalities/2514/interventions/bra-samtal",
            AsOf = D.Of(2025, 10, 1),
            Text = "Bor på Norra Järnvägsgatan 4 B, lgh 1301, 2 tr. Ring 070/340 18 85 eller (0923) 377 331. Pnr 19550605 0979.",
            OnViolation = FindingAction.Redact,
        });
        Assert.True(review.Accepted);
        Assert.False(review.Compliant);
        Assert.Equal("Bor på [borttaget]. Ring [borttaget] eller [borttaget]. Pnr [borttaget].", review.RedactedText);
        Assert.Equal([IdentifierKind.Address, IdentifierKind.Phone, IdentifierKind.Phone, IdentifierKind.Personnummer], review.Findings.Select(f => f.Kind).ToArray());
        Assert.All(review.Findings, f => Assert.InRange(f.Confidence, 0.5, 1.0));
    }

    [Fact]
    public async Task Review_ABirthDateTheNoteCallsOne_IsItsOwnKind_AndRedactedWhole_WhileAYearAloneStays()
    {
        var review = await Kalix.ReviewRecordAsync(new ReviewRecordRequest
        {
            Intervention = "municipalities/2514/interventions/bra-samtal",
            AsOf = D.Of(2025, 10, 1),
            Text = "Sökande född 2 augusti 1939, maken född 1936. Möte 2025-10-01.",
            OnViolation = FindingAction.Redact,
        });
        Assert.True(review.Accepted);
        Assert.Equal("Sökande född [borttaget], maken född 1936. Möte 2025-10-01.", review.RedactedText);
        Assert.Equal([IdentifierKind.BirthDate], review.Findings.Select(f => f.Kind).ToArray());
    }

    [Fact]
    public async Task Review_AnAccount_APlate_APassportNumber_AndAUsername_AreTheirOwnKinds_AndRedacted_WhileTheAmountsStay()
    {
        var review = await Kalix.ReviewRecordAsync(new ReviewRecordRequest
        {
            Intervention = "municipalities/2514/interventions/bra-samtal",
            AsOf = D.Of(2025, 10, 1),
            Text = "Utbetalning till konto 8214-9, 903 123 456-7; saldo 2 300 kr. Bilen KRD 58A säljs. Passnummer XP4471830. Snap: nalle_77.",
            OnViolation = FindingAction.Redact,
        });
        Assert.True(review.Accepted);
        Assert.Equal("Utbetalning till konto [borttaget]; saldo 2 300 kr. Bilen [borttaget] säljs. Passnummer [borttaget]. Snap: [borttaget].", review.RedactedText);
        Assert.Equal(
            [IdentifierKind.BankAccount, IdentifierKind.VehicleRegistration, IdentifierKind.DocumentNumber, IdentifierKind.Username],
            review.Findings.Select(f => f.Kind).ToArray());
        Assert.Equal(["bank_account", "vehicle_registration", "document_number", "username"], review.Findings.Select(f => f.Detector).ToArray());
    }

    [Fact]
    public async Task Review_AFieldsName_IsTheWordBeforeItsValue()
    {
        var review = await Kalix.ReviewRecordAsync(new ReviewRecordRequest
        {
            Intervention = "municipalities/2514/interventions/bra-samtal",
            AsOf = D.Of(2025, 10, 1),
            Text = "Ansökan om ekonomiskt bistånd.",
            Fields =
            {
                new RecordField { Name = "fodelsedatum", Value = "1939-08-02" },
                new RecordField { Name = "konto_nummer", Value = "8214-9 903 123 456-7" },
                new RecordField { Name = "besoksdatum", Value = "1939-08-02" },
            },
            OnViolation = FindingAction.Redact,
        });
        Assert.Equal(
            [("fields[0].value", IdentifierKind.BirthDate), ("fields[1].value", IdentifierKind.BankAccount)],
            review.Findings.Select(f => (f.Field, f.Kind)).ToArray());
        Assert.Equal(["[borttaget]", "[borttaget]", "1939-08-02"], review.RedactedFields.Select(f => f.Value).ToArray());
    }

    [Fact]
    public async Task Review_ReportOnly_AcceptsTheNoteAsSent_AndHighlightsWhatBreaksThePolicy()
    {
        const string text = "Samtal m frida henriksson, mamma till Olssons dotter.";
        var review = await Kalix.ReviewRecordAsync(new ReviewRecordRequest
        {
            Intervention = "municipalities/2514/interventions/bra-samtal",
            AsOf = D.Of(2025, 10, 1),
            Text = text,
            OnViolation = FindingAction.Report,
        });
        Assert.True(review.Accepted);
        Assert.False(review.Compliant);
        Assert.Equal("", review.RedactedText);
        Assert.Equal(["frida henriksson", "Olssons"], review.Findings.Select(f => text.Substring(f.Start, f.Length)).ToArray());
        Assert.All(review.Findings, f => Assert.True(f.Violation && f.Kind == IdentifierKind.Name, f.ToString()));
    }

    [Fact]
    public async Task Review_TextThatIsNotUtf8_IsInvalidArgumentNamingTheField()
    {
        // ReviewRecordRequest on the wire: field 1 (intervention) and field 3 (text) with bytes that are not UTF-8.
        var name = System.Text.Encoding.UTF8.GetBytes("municipalities/2514/interventions/bra-samtal");
        byte[] text = [0x41, 0xC3, 0x28, 0xFF, 0x42];
        byte[] body = [0x0A, (byte)name.Length, .. name, 0x1A, (byte)text.Length, .. text];
        var method = new Method<byte[], byte[]>(MethodType.Unary, "socialtjanst.documentation.v1.DocumentationService", "ReviewRecord",
            Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));
        var ex = await Assert.ThrowsAsync<RpcException>(() => stack.InvokerFor("2514").AsyncUnaryCall(method, null, new CallOptions(), body).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(ex.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations, v => v.Field == "text");
    }

    [Fact]
    public async Task AnotherKommunsInsats_IsDenied()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => stack.ClientFor("1489").ReviewRecordAsync(new ReviewRecordRequest { Intervention = "municipalities/2514/interventions/bra-samtal", Text = Note }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
    }

    private static Participation Participant(AgeBand age, Gender gender, int start = 3, int end = 0, EarlyEndReason early = EarlyEndReason.Unspecified) => new()
    {
        Date = D.Of(2025, 10, 1),
        AgeBand = age,
        Gender = gender,
        WellbeingStart = start,
        WellbeingEnd = end,
        EarlyEndReason = early,
    };

    [Fact]
    public async Task Participation_IsIdempotent_AndTheReportHidesSmallCells()
    {
        var client = stack.ClientFor("9999");
        const string insats = "municipalities/9999/interventions/krisstod";
        var people = Enumerable.Range(0, 7).Select(_ => Participant(AgeBand._3049, Gender.Female, 2, 4))
            .Concat(Enumerable.Range(0, 6).Select(_ => Participant(AgeBand._2129, Gender.Male, 3, 3)))
            .Append(Participant(AgeBand._1317, Gender.Other, 1, 0, EarlyEndReason.Moved));
        foreach (var p in people)
        {
            var requestId = Guid.NewGuid().ToString();
            Assert.True((await client.RecordParticipationAsync(new RecordParticipationRequest { Intervention = insats, Participation = p, RequestId = requestId })).Recorded);
            Assert.False((await client.RecordParticipationAsync(new RecordParticipationRequest { Intervention = insats, Participation = p, RequestId = requestId })).Recorded);
        }

        var report = await client.GetActivityReportAsync(new GetActivityReportRequest { Intervention = insats, From = D.Of(2025, 1, 1), To = D.Of(2025, 12, 31) });
        Assert.Equal(14, report.ByAgeBand.Total);
        var ages = report.ByAgeBand.Cells.ToDictionary(c => c.Key, c => c.HasCount ? c.Count : (int?)null);
        Assert.Null(ages["AGE_BAND_13_17"]);
        // The lone small cell would be total minus the rest, so another is hidden with it.
        Assert.Equal(2, report.ByAgeBand.Cells.Count(c => !c.HasCount));
        Assert.Equal(2, report.ByGender.Cells.Count(c => !c.HasCount));
        Assert.False(report.EarlyEnds.HasTotal);
        Assert.Equal(2.4, report.MeanWellbeingStart);
        Assert.Equal(3.5, report.MeanWellbeingEnd);
    }

    [Fact]
    public async Task ActivityReport_KeysAreTheContractsEnumNames_ReadFromTheDescriptor()
    {
        var report = await stack.ClientFor("9999").GetActivityReportAsync(new GetActivityReportRequest
        {
            Intervention = "municipalities/9999/interventions/krisstod", From = D.Of(2025, 1, 1), To = D.Of(2025, 12, 31),
        });
        static List<string> Names(string name) =>
            [.. DocumentationServiceReflection.Descriptor.EnumTypes.Single(e => e.Name == name).Values.Where(v => v.Number != 0).Select(v => v.Name)];
        Assert.Equal(Names("AgeBand"), report.ByAgeBand.Cells.Select(c => c.Key).ToList());
        Assert.Equal(Names("Gender"), report.ByGender.Cells.Select(c => c.Key).ToList());
        Assert.Equal(Names("EarlyEndReason"), report.EarlyEnds.Cells.Select(c => c.Key).ToList());
        Assert.Contains("GENDER_FEMALE", report.ByGender.Cells.Select(c => c.Key));
    }

    [Fact]
    public async Task Participation_BadValues_AreNamed()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => stack.ClientFor("9999").RecordParticipationAsync(new RecordParticipationRequest
        {
            Intervention = "municipalities/9999/interventions/krisstod",
            RequestId = Guid.NewGuid().ToString(),
            Participation = new Participation { Date = D.Of(2025, 10, 1), AgeBand = AgeBand._3049, Gender = Gender.Female, WellbeingStart = 7 },
        }).ResponseAsync);
        Assert.Contains(ex.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations, v => v.Field == "participation.wellbeing_start");
    }
}
