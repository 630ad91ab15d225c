using System.Globalization;
using System.Text;
using ActorStreams.Domain.Behaviour;

namespace ActorStreams.Churn.Internal;

/// <summary>The run's figures as text: <c>&lt;out&gt;.md</c> (tables) and the summary printed on standard output.</summary>
internal static class ReportText
{
    public static string Markdown(ChurnReport report, string modelFile)
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Churn model {report.ModelVersion}\n\n");
        md.Append(CultureInfo.InvariantCulture,
            $"Chosen: **{report.Chosen}** (higher validation PR-AUC), threshold {report.Threshold.ToString("0.######", CultureInfo.InvariantCulture)} on the calibrated probability. ");
        md.Append(CultureInfo.InvariantCulture, $"Model file: `{modelFile}`.\n\n");
        md.Append("## Setup\n\n| | |\n|---|---|\n");
        md.Append(CultureInfo.InvariantCulture, $"| as of (T, test snapshot) | {report.AsOf.ToIsoString()} |\n");
        md.Append(CultureInfo.InvariantCulture, $"| train snapshot (T − horizon) | {(report.AsOf - TimeSpan.FromDays(report.HorizonDays)).ToIsoString()} |\n");
        md.Append(CultureInfo.InvariantCulture, $"| horizon | {report.HorizonDays} days: churned = no purchase in (S, S + horizon] |\n");
        md.Append(CultureInfo.InvariantCulture, $"| seed | {report.Seed} |\n");
        md.Append("| population at S | a purchase at or before S and an event in (S − 90 d, S] |\n\n");
        md.Append("| snapshot | customers | churned | rate |\n|---|---:|---:|---:|\n");
        foreach (var (name, counts) in new[] { ("train (fit + validation)", report.Train), ("validation (held out of train)", report.Validation), ("test", report.Test) })
        {
            md.Append(CultureInfo.InvariantCulture,
                $"| {name} | {counts.Customers} | {counts.Positives} | {Format(counts.Customers == 0 ? double.NaN : counts.Positives / (double)counts.Customers)} |\n");
        }

        md.Append("\n## Test metrics\n\n");
        md.Append("| model | ROC-AUC | PR-AUC | precision | recall | F1 | threshold | TP | FP | TN | FN | lift top decile | validation PR-AUC |\n");
        md.Append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var m in report.Models.Append(report.Rule))
        {
            var c = m.Confusion;
            md.Append(CultureInfo.InvariantCulture,
                $"| {m.Model} | {Format(m.RocAuc)} | {Format(m.PrAuc)} | {Format(m.Precision)} | {Format(m.Recall)} | {Format(m.F1)} | {Format(m.Threshold)} | ");
            md.Append(CultureInfo.InvariantCulture,
                $"{c.TruePositives} | {c.FalsePositives} | {c.TrueNegatives} | {c.FalseNegatives} | {Format(m.LiftTopDecile)} | {Format(m.ValidationPrAuc)} |\n");
        }

        md.Append(CultureInfo.InvariantCulture, $"\n`{report.Rule.Model}` is a **{MetricsJson.RuleDescription}**.\n\n");
        md.Append("## Feature importance\n\n");
        md.Append(MetricsJson.ImportanceMethod).Append(".\n\n| feature |");
        foreach (var m in report.Models)
        {
            md.Append(' ').Append(m.Model).Append(" |");
        }

        md.Append("\n|---|").Append(string.Concat(report.Models.Select(_ => "---:|"))).Append('\n');
        for (var i = 0; i < BehaviourFeatures.VectorLength; i++)
        {
            md.Append("| ").Append(BehaviourFeatures.FeatureNames[i]).Append(" |");
            foreach (var m in report.Models)
            {
                md.Append(' ').Append(Format(m.FeatureImportance[i].Value)).Append(" |");
            }

            md.Append('\n');
        }

        var data = report.Data;
        md.Append("\n## Data\n\n| lines | events | duplicates | bad lines | of which bad timestamps | customers | first event | last event |\n");
        md.Append("|---:|---:|---:|---:|---:|---:|---|---|\n");
        md.Append(CultureInfo.InvariantCulture,
            $"| {data.Lines} | {data.Events} | {data.Duplicates} | {data.BadLines} | {data.BadTimestamps} | {data.Customers} | {data.FirstEventTime} | {data.LastEventTime} |\n");
        if (data.BadLineSamples.Count > 0)
        {
            md.Append("\n| bad line | reason |\n|---:|---|\n");
            foreach (var bad in data.BadLineSamples)
            {
                md.Append(CultureInfo.InvariantCulture, $"| {bad.LineNumber} | {bad.Reason.Replace("|", "\\|", StringComparison.Ordinal)} |\n");
            }
        }

        return md.ToString();
    }

    public static string Summary(ChurnReport report, string modelPath, string metricsPath, string reportPath)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"churn model {report.ModelVersion}: chose {report.Chosen} (threshold {report.Threshold.ToString("0.####", CultureInfo.InvariantCulture)}), as of {report.AsOf.ToIsoString()}, horizon {report.HorizonDays} d\n");
        text.Append(CultureInfo.InvariantCulture,
            $"train {report.Train.Customers} customers ({report.Train.Positives} churned), test {report.Test.Customers} customers ({report.Test.Positives} churned)\n");
        text.Append(CultureInfo.InvariantCulture, $"{"model",-24} {"ROC-AUC",8} {"PR-AUC",8} {"prec",8} {"recall",8} {"F1",8} {"lift@10%",9}\n");
        foreach (var m in report.Models.Append(report.Rule))
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{m.Model,-24} {Format(m.RocAuc),8} {Format(m.PrAuc),8} {Format(m.Precision),8} {Format(m.Recall),8} {Format(m.F1),8} {Format(m.LiftTopDecile),9}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"({report.Rule.Model} is the EWMA rule's proxy over sessions without a purchase; see the report)\n");
        text.Append(CultureInfo.InvariantCulture,
            $"data: {report.Data.Events} events, {report.Data.Duplicates} duplicates, {report.Data.BadLines} bad lines ({report.Data.BadTimestamps} bad timestamps), {report.Data.Customers} customers\n");
        text.Append(CultureInfo.InvariantCulture, $"wrote {modelPath}, {metricsPath}, {reportPath}\n");
        return text.ToString();
    }

    private static string Format(double value) =>
        double.IsFinite(value) ? MetricsJson.Round(value).ToString("0.0000", CultureInfo.InvariantCulture) : "n/a";
}
