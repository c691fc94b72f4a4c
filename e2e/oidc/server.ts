// A real OpenID provider (the `oidc-provider` package) for the e2e run: its dev login form
// accepts any login name, and every account gets an email derived from that name.
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_PORT || 4020);
// Every dashboard the e2e run starts may sign in here (comma-separated; the suite's own app and
// the invite-only one of e2e/signup-policy.spec.ts).
const appUrls = (process.env.APP_URLS || "http://localhost:3210").split(",");
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "opencto-e2e",
      client_secret: "opencto-e2e-secret",
      redirect_uris: appUrls.map((url) => `${url}/api/auth/callback/oidc`),
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      claims: async () => ({ sub: id, email: `${id}@sso.example.com`, email_verified: true, name: `SSO ${id}` }),
    };
  },
  features: { devInteractions: { enabled: true } },
  // Put the email in the ID token, as most company IdPs do; Auth.js reads the profile from it.
  conformIdTokenClaims: false,
});

provider.listen(port, "127.0.0.1", () => console.log(`oidc provider listening on ${issuer}`));

provider.on("grant.error", (_ctx, error) => console.error(`oidc grant error: ${error.message} ${error.error_detail ?? ""}`));
