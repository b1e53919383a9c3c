/**
 * Imported first by the `tui` command, before anything loads React: without NODE_ENV React runs its
 * development build, which on a busy replay spends most of each frame on dev-only checks and timings.
 * An explicit NODE_ENV (tests set `test`) is left alone.
 */
process.env['NODE_ENV'] ??= 'production';
