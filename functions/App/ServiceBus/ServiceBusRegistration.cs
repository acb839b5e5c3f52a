using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ShortSentences.App.ServiceBus;

public static class ServiceBusRegistration
{
    /// <summary>
    /// The settlement logic always (the local queue uses it too); the Service Bus processor only when a namespace is
    /// configured (Azure), reached with the app's managed identity.
    /// </summary>
    public static IServiceCollection AddDomainEventConsumer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<DomainEventConsumer>();
        var options = configuration.GetSection("ServiceBus").Get<ServiceBusConsumerOptions>() ?? new ServiceBusConsumerOptions();
        services.AddSingleton(options);
        if (string.IsNullOrWhiteSpace(options.FullyQualifiedNamespace)) return services;

        services.AddSingleton(_ => new ServiceBusClient(options.FullyQualifiedNamespace, new DefaultAzureCredential()));
        services.AddSingleton(sp => sp.GetRequiredService<ServiceBusClient>().CreateProcessor(
            options.TopicName, options.SubscriptionName, ServiceBusDomainEventProcessor.ProcessorOptions(options)));
        services.AddHostedService<ServiceBusDomainEventProcessor>();
        return services;
    }
}
