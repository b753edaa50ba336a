/**
 * The least-privilege role the migrations create (db/migrations/*-ReadOnlyRole.js): it may only
 * read. The API's sessions switch to it; each processor grants it its own progress schema.
 */
export const READER_ROLE = 'deai_api_reader'
