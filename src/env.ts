import dotenv from "dotenv";
import { type Config, ConfigError, createConfig } from "./config.js";

/** Reads `.env` if present, then the configuration; a bad variable ends the process with its name. */
export function loadConfigOrExit(): Config {
  dotenv.config({ quiet: true });
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
