/** Dependency rules: the call-flow core stays pure; edges depend inward, never the reverse. */
module.exports = {
  forbidden: [
    {
      name: 'flow-is-pure',
      comment:
        'src/flow is the pure engine: it imports only itself, the domain, zod and libphonenumber-js (no I/O, no adapters).',
      severity: 'error',
      from: { path: '^src/flow/' },
      to: { pathNot: ['^src/flow/', '^src/domain/', '^node_modules/(zod|libphonenumber-js)/'] },
    },
    {
      name: 'domain-is-pure',
      comment:
        "src/domain holds what every layer shares (errors, access rules, vocabulary, phone numbers): pure, it imports nothing of the project. ipaddr.js: pure IP range classification for the outbound-URL (SSRF) check, no I/O. stopword: word lists for the reports' reasons, no I/O.",
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: ['^src/domain/', '^node_modules/(zod|libphonenumber-js|ipaddr\\.js|stopword)/'] },
    },
    {
      name: 'core-does-not-import-edges',
      comment: 'Use cases and the store never import the web or webhook edges.',
      severity: 'error',
      from: { path: '^src/(app|store|flow|queue)/' },
      to: { path: ['^webhooks/', '^src/web/', '^src/http/'] },
    },
    {
      name: 'edges-call-use-cases',
      comment:
        'The edges (webhooks, web pages, admin API, HTTP plumbing) call the use cases in src/app; they may name the store’s plain types, never call it.',
      severity: 'error',
      from: { path: ['^webhooks/', '^src/(web|api|http)/'] },
      to: { path: '^src/store/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'store-door',
      comment:
        'Only src/store talks to MongoDB: mongoose, the driver and the models stay behind its repositories (plain objects out).',
      severity: 'error',
      from: { pathNot: '^src/store/' },
      to: { path: ['^node_modules/(mongoose|mongodb|bson)/', '^src/store/models\\.ts$'] },
    },
    {
      name: 'store-connection',
      comment:
        'Connecting to MongoDB is for the composition roots (src/main); withTimeout lives in src/store/timeout.ts.',
      severity: 'error',
      from: { pathNot: ['^src/store/', '^src/main/'] },
      to: { path: '^src/store/mongo\\.ts$' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: ['^test/', '^scripts/'] },
  },
};
