using Socialtjanst.Errors;
using Socialtjanst.FollowUp.V1;
using Socialtjanst.Type.V1;

namespace Socialtjanst.FollowUp.Application;

/// <summary>What each event does to a decision, and what makes it invalid.</summary>
public static class DecisionEvents
{
    public const int MaxText = 4000;

    public static void Apply(Decision decision, RecordEventRequest request, DateOnly today)
    {
        if (decision.Closure is not null)
        {
            throw Problems.FailedPrecondition([new RuleProblem("", "name", "Beslutet är avslutat; inga fler händelser kan registreras.")]);
        }

        var decided = decision.DecisionDate.ToDateOnly();
        DateOnly Day(Type.V1.Date? date, string field)
        {
            var day = date.ToDateOnly(field) ?? throw Problems.InvalidArgument(field, "Datum krävs.");
            if (day < decided)
            {
                throw Problems.InvalidArgument(field, "Datumet ligger före beslutsdatum.");
            }

            if (day > today)
            {
                throw Problems.InvalidArgument(field, "Datumet ligger i framtiden.");
            }

            return day;
        }

        var open = decision.Interruptions.LastOrDefault(i => i.ResumedOn is null);
        switch (request.EventCase)
        {
            case RecordEventRequest.EventOneofCase.ExecutionStarted:
                Day(request.ExecutionStarted, "execution_started");
                if (decision.ExecutionStarted is not null)
                {
                    throw Problems.FailedPrecondition([new RuleProblem("", "execution_started", "Verkställigheten har redan påbörjats.")]);
                }

                decision.ExecutionStarted = request.ExecutionStarted;
                break;
            case RecordEventRequest.EventOneofCase.ExecutionInterrupted:
                var from = Day(request.ExecutionInterrupted, "execution_interrupted");
                if (decision.ExecutionStarted is null || open is not null || from < decision.ExecutionStarted.ToDateOnly())
                {
                    throw Problems.FailedPrecondition([new RuleProblem("", "execution_interrupted", "Bara en pågående verkställighet kan avbrytas.")]);
                }

                decision.Interruptions.Add(new Interruption { InterruptedOn = request.ExecutionInterrupted });
                break;
            case RecordEventRequest.EventOneofCase.ExecutionResumed:
                var resumed = Day(request.ExecutionResumed, "execution_resumed");
                if (open is null || resumed < open.InterruptedOn.ToDateOnly())
                {
                    throw Problems.FailedPrecondition([new RuleProblem("", "execution_resumed", "Det finns inget avbrott att återuppta från det datumet.")]);
                }

                open.ResumedOn = request.ExecutionResumed;
                break;
            case RecordEventRequest.EventOneofCase.FollowUp:
                var f = request.FollowUp;
                Day(f.Date, "follow_up.date");
                var problems = new List<FieldProblem>();
                foreach (var (value, field) in new[] { (f.How, "follow_up.how"), (f.PersonsView, "follow_up.persons_view"), (f.AssessmentOfDelivery, "follow_up.assessment_of_delivery"), (f.AssessmentOfSituation, "follow_up.assessment_of_situation"), (f.Actions, "follow_up.actions") })
                {
                    if (value.Length > MaxText)
                    {
                        problems.Add(new FieldProblem(field, $"Högst {MaxText} tecken."));
                    }
                }

                if (string.IsNullOrWhiteSpace(f.How))
                {
                    problems.Add(new FieldProblem("follow_up.how", "Ange hur uppföljningen gjordes."));
                }

                if (f.StandardizedMethods.Count > 20 || f.StandardizedMethods.Any(m => m.Length is 0 or > 200))
                {
                    problems.Add(new FieldProblem("follow_up.standardized_methods", "Högst 20 metoder om högst 200 tecken."));
                }

                if (problems.Count > 0)
                {
                    throw Problems.InvalidArgument(problems);
                }

                decision.FollowUps.Add(f);
                break;
            case RecordEventRequest.EventOneofCase.CircumstancesChanged:
                Day(request.CircumstancesChanged, "circumstances_changed");
                decision.ChangedCircumstances.Add(request.CircumstancesChanged);
                break;
            case RecordEventRequest.EventOneofCase.Closed:
                var c = request.Closed;
                Day(c.Date, "closed.date");
                if (c.Reason == ClosureReason.Unspecified || !Enum.IsDefined(c.Reason))
                {
                    throw Problems.InvalidArgument("closed.reason", "Ange skälet till avslutet.");
                }

                if (c.Reason == ClosureReason.Other && string.IsNullOrWhiteSpace(c.Text))
                {
                    throw Problems.InvalidArgument("closed.text", "Beskriv skälet när det är ett annat skäl.");
                }

                if (c.Text.Length > MaxText)
                {
                    throw Problems.InvalidArgument("closed.text", $"Högst {MaxText} tecken.");
                }

                decision.Closure = c;
                break;
            default:
                throw Problems.InvalidArgument("event", "Ange en händelse.");
        }
    }
}
