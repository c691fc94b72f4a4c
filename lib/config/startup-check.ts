import "server-only";
import { exitOnConfigurationProblems } from "./env";

// A deployment that is misconfigured must not come up half-working: name the variable and stop.
exitOnConfigurationProblems("server");
