// platform-deploy: the Aspire manifest in, deploy/k8s (kustomize) or a Helm chart out.
// `dotnet run --project tools/Platform.Deploy -- --help`; deploy/k8s/README.md tells the whole story.
using Platform.Deploy.Cli;

var command = GenerateCommand.Create(Console.Out, Console.Error, Console.In, canPrompt: !Console.IsInputRedirected);
return command.Parse(args).Invoke();
