// Short Sentence Journeys in Azure: a Linux Function App running the .NET custom handler (host.json customHandler),
// its storage account (journeys, histories, due index, outboxes in Tables; reminders in Queues), the Service Bus
// subscription to HMPPS domain events, and Application Insights. The app reads storage with its managed identity.
// Deploy: az deployment group create -g <group> -f infra/main.bicep -p name=<prefix> notifyApiKey=<key>
// then publish the app folder (see docs/app.md, "Deploy to Azure").

@description('Short prefix for resource names (letters and digits).')
@minLength(3)
@maxLength(11)
param name string

param location string = resourceGroup().location

@description('GOV.UK Notify API key ({key_name}-{service_id}-{secret}); stored as an app setting (use a Key Vault reference in production).')
@secure()
param notifyApiKey string

@description('Existing Service Bus namespace carrying HMPPS domain events (topic hmpps-domain-events). Empty: create one.')
param serviceBusNamespaceName string = ''

var storageName = toLower('${name}st${uniqueString(resourceGroup().id)}')
var busName = empty(serviceBusNamespaceName) ? '${name}-bus-${uniqueString(resourceGroup().id)}' : serviceBusNamespaceName

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take(storageName, 24)
  location: location
  sku: { name: 'Standard_ZRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false // Entra ID only: the app's managed identity
    supportsHttpsTrafficOnly: true
  }
}

resource bus 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = if (empty(serviceBusNamespaceName)) {
  name: busName
  location: location
  sku: { name: 'Standard' }
}

resource busRef 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' existing = {
  name: busName
}

resource topic 'Microsoft.ServiceBus/namespaces/topics@2022-10-01-preview' = if (empty(serviceBusNamespaceName)) {
  parent: bus
  name: 'hmpps-domain-events'
}

resource subscription 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2022-10-01-preview' = {
  name: '${busName}/hmpps-domain-events/short-sentence-journeys'
  properties: {
    maxDeliveryCount: 10 // then dead-lettered: malformed events fail their invocation on purpose
    deadLetteringOnMessageExpiration: true
    lockDuration: 'PT1M'
  }
  dependsOn: [ topic ]
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-insights'
  location: location
  kind: 'web'
  properties: { Application_Type: 'web' }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${name}-plan'
  location: location
  sku: { name: 'EP1', tier: 'ElasticPremium' } // always-ready instance: the timer runs every minute
  kind: 'elastic'
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: '${name}-func'
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: '' // custom handler: a self-contained linux-x64 executable, no language stack needed
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
        { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'custom' }
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'Journeys__Mode', value: 'azure' }
        { name: 'Journeys__StorageConnection', value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};EndpointSuffix=${environment().suffixes.storage}' }
        { name: 'ServiceBusConnection__fullyQualifiedNamespace', value: '${busName}.servicebus.windows.net' }
        { name: 'Staff__Notify__ApiKey', value: notifyApiKey }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
      ]
    }
  }
}

// Roles for the app's managed identity: tables and queues data, Service Bus receive.
var roles = {
  tableData: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'   // Storage Table Data Contributor
  queueData: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'   // Storage Queue Data Contributor
  blobOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'   // Storage Blob Data Owner (the host's own leases)
  busReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0' // Azure Service Bus Data Receiver
}

resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in [ roles.tableData, roles.queueData, roles.blobOwner ]: {
  name: guid(storage.id, app.id, role)
  scope: storage
  properties: {
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]

resource busRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(busName, app.id, roles.busReceiver)
  scope: busRef
  properties: {
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.busReceiver)
  }
}

output functionAppName string = app.name
output storageAccountName string = storage.name
