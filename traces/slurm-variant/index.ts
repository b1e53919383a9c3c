/** The Slurm simulator's `;`-separated SWF variant with user, account, queue and partition names. */
export { describeVariantField, VARIANT_FIELDS, type SlurmVariantRecord, type VariantField, type VariantNameField, type VariantNumberField } from './fields.js';
export { parseVariantLine, readSlurmVariant, type SlurmVariantResult, type SlurmVariantSummary } from './reader.js';
