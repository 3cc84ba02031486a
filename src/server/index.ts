// PLACEHOLDER until the ledger issue lands.
export {};
