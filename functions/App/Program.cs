using ShortSentences.App;
using ShortSentences.App.IsolatedWorker;

// In Azure the Functions host starts this as its isolated worker (WorkerMain). `./journeys run` starts it with
// --local: its own web host over the local durable host, Azurite and the local triggers (ARCHITECTURE D4).
return args.Contains("--local") || args.Contains("--load-test") ? await AppMain.RunAsync(args) : await WorkerMain.RunAsync(args);
