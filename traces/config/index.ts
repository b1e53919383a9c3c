/** Configuration files on disk: YAML parsing, validation by core/config, issues with file and line. */
export { loadAccountsConfig, loadClusterConfig, loadConfigPair, type ConfigPair, type Loaded } from './load.js';
export { locateIssues, parseYamlText, readYamlFile, type YamlFile, type YamlResult } from './yaml-file.js';
