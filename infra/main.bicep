// Short Sentence Journeys in Azure: the .NET isolated-worker Function App, its one storage account (the Durable Task
// hub and the product's tables and queues, Entra ID only), the Service Bus subscription to HMPPS domain events, Key
// Vault for Notify's API key, Application Insights, and the roles the app's managed identity needs. No account key or
// connection secret is created or stored anywhere: every data path is the app's identity (docs/service-bus.md,
// README "Deploy to Azure").
//
// Deploy: az deployment group create -g <group> -f infra/main.bicep -p name=<prefix> notifyApiKey=<key>

@description('Short prefix for resource names (letters and digits).')
@minLength(3)
@maxLength(11)
param name string

param location string = resourceGroup().location

@description('GOV.UK Notify API key ({key_name}-{service_id}-{secret}); written to Key Vault only, the app reads it by Key Vault reference.')
@secure()
param notifyApiKey string

@description('Dedicated (App Service) plan size. Dedicated with Always On keeps the Service Bus consumer receiving without an Azure Files content share, which would need a storage account key.')
@allowed([ 'P0v3', 'P1v3', 'P2v3' ])
param planSku string = 'P1v3'

@description('Deliveries of one domain event before Service Bus dead-letters it (a transient failure abandons and is redelivered).')
@minValue(1)
@maxValue(100)
param maxDeliveryCount int = 10

var suffix = uniqueString(resourceGroup().id)
var domainEventsTopic = 'hmpps-domain-events'
var domainEventsSubscription = 'short-sentence-journeys'

// Built-in role definitions (ids are the same in every tenant).
var roles = {
  blobData: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe' // Storage Blob Data Contributor: host leases, Durable Task hub blobs
  queueData: '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // Storage Queue Data Contributor: Durable Task control and work-item queues, reminders
  tableData: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // Storage Table Data Contributor: Durable Task history and instances, product tables
  busReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0' // Azure Service Bus Data Receiver: receive, complete, abandon, dead-letter
  secretsUser: '4633458b-17de-408a-b874-0445c86b69e6' // Key Vault Secrets User: resolve the Notify key reference
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take(toLower('${name}st${suffix}'), 24)
  location: location
  sku: { name: 'Standard_ZRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false // Entra ID only: the app's managed identity; no key to leak or rotate
    defaultToOAuthAuthentication: true
    supportsHttpsTrafficOnly: true
  }
}

resource bus 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: '${name}-bus-${suffix}'
  location: location
  sku: { name: 'Standard' } // topics need Standard or Premium
  properties: {
    disableLocalAuth: true // Entra ID only, like storage: no SAS keys
    minimumTlsVersion: '1.2'
  }
}

resource topic 'Microsoft.ServiceBus/namespaces/topics@2022-10-01-preview' = {
  parent: bus
  name: domainEventsTopic
  properties: {
    defaultMessageTimeToLive: 'P14D'
  }
}

resource domainEventsSub 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2022-10-01-preview' = {
  parent: topic
  name: domainEventsSubscription
  properties: {
    // The consumer abandons on a transient failure; after this many deliveries Service Bus dead-letters the event.
    maxDeliveryCount: maxDeliveryCount
    // An event nobody could apply before it expired is kept in the dead-letter queue, never dropped.
    deadLetteringOnMessageExpiration: true
    deadLetteringOnFilterEvaluationExceptions: true
    lockDuration: 'PT1M'
    defaultMessageTimeToLive: 'P14D'
    requiresSession: false // events for one person are ordered by the journey itself, not by sessions
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: take('${name}-kv-${suffix}', 24)
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true // access by role assignment, not vault access policies
    enableSoftDelete: true
    enablePurgeProtection: true
  }
}

resource notifyKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'notify-api-key'
  properties: {
    value: notifyApiKey
    contentType: 'GOV.UK Notify API key'
  }
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${name}-plan'
  location: location
  sku: { name: planSku }
  kind: 'linux'
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: '${name}-func'
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      linuxFxVersion: 'DOTNET-ISOLATED|10.0'
      alwaysOn: true // the Service Bus consumer and the local timer loops are not triggers: the app must stay up
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
        { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'dotnet-isolated' }
        // Host storage and the Durable Task hub (connection name AzureWebJobsStorage) by managed identity.
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'Journeys__Mode', value: 'azure' }
        // The product's tables and queues: same account, no AccountKey, so the app uses its managed identity.
        { name: 'Journeys__StorageConnection', value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};EndpointSuffix=${environment().suffixes.storage}' }
        { name: 'ServiceBus__FullyQualifiedNamespace', value: split(replace(bus.properties.serviceBusEndpoint, 'https://', ''), ':')[0] }
        { name: 'ServiceBus__TopicName', value: topic.name }
        { name: 'ServiceBus__SubscriptionName', value: domainEventsSub.name }
        { name: 'Staff__Notify__ApiKey', value: '@Microsoft.KeyVault(SecretUri=${notifyKey.properties.secretUri})' }
      ]
    }
  }
}

resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in [ roles.blobData, roles.queueData, roles.tableData ]: {
    name: guid(storage.id, app.id, role)
    scope: storage
    properties: {
      principalId: app.identity.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    }
  }
]

// Receive on the one subscription only, not on the whole namespace.
resource busRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(domainEventsSub.id, app.id, roles.busReceiver)
  scope: domainEventsSub
  properties: {
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.busReceiver)
  }
}

// Read the Notify key only, not every secret in the vault.
resource secretRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(notifyKey.id, app.id, roles.secretsUser)
  scope: notifyKey
  properties: {
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.secretsUser)
  }
}

output functionAppName string = app.name
output storageAccountName string = storage.name
output serviceBusNamespace string = bus.name
output keyVaultName string = vault.name
