import dotenv from "dotenv";
import { type Config, ConfigError, createConfig } from "./config.js";

/**
 * Reads `.env` (or the file ENV_FILE names) if present, then the configuration; a bad variable
 * ends the process with its name. Variables already in the environment win over the file.
 */
export function loadConfigOrExit(): Config {
  dotenv.config({ path: process.env.ENV_FILE ?? ".env", quiet: true });
  try {
    return createConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`${error.message}\nSee .env.example for every variable.`);
      process.exit(2);
    }
    throw error;
  }
}
