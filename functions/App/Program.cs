using ShortSentences.App;

// The custom handler: in Azure the Functions host starts it (host.json) and calls it on FUNCTIONS_CUSTOMHANDLER_PORT;
// locally `./journeys run` starts it with --local, and it runs Azurite and the triggers itself (ARCHITECTURE D4).
return await AppMain.RunAsync(args);
