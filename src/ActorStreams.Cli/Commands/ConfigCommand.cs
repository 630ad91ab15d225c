using System.CommandLine;

namespace ActorStreams.Cli.Commands;

/// <summary><c>actorstreams config [--config F] [--set key=value]... [--reference]</c>.</summary>
internal static class ConfigCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command(
            "config",
            "Print the resolved configuration as JSON (reference < hocon/application.conf < --config < ACTORSTREAMS__* environment < flags); " +
            "passwords, secrets, tokens and API keys are shown as " + SecretRedaction.Mask + ".");
        var configOption = CommonOptions.ConfigFile();
        var setOption = CommonOptions.Set();
        var referenceOption = new Option<bool>("--reference")
        {
            Description = "Print the commented reference configuration of every module (HOCON) instead of the resolved JSON.",
        };
        command.Options.Add(configOption);
        command.Options.Add(setOption);
        command.Options.Add(referenceOption);
        command.SetAction(parse =>
        {
            if (parse.GetValue(referenceOption))
            {
                context.Output.Write(ActorStreamsConfig.ReferenceText());
                return ExitCodes.Ok;
            }

            var config = ActorStreamsConfig.Load(context, parse.GetValue(configOption), CommonOptions.ParseSettings(parse.GetValue(setOption)));
            context.Output.WriteLine(SecretRedaction.RedactJson(config.ToJson(indented: false), indented: true));
            return ExitCodes.Ok;
        });
        return command;
    }
}
