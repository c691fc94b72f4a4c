// A real OpenID provider (the `oidc-provider` package) for the e2e run: its dev login form
// accepts any login name, and every account gets an email derived from that name.
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_PORT || 4020);
const appUrl = process.env.APP_URL || "http://localhost:3210";
// Other deployments a spec signs in through, e.g. the stable instance of the preview redirect proxy.
const extraRedirectUris = (process.env.OIDC_EXTRA_REDIRECT_URIS || "").split(",").filter(Boolean);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "opencto-e2e",
      client_secret: "opencto-e2e-secret",
      redirect_uris: [`${appUrl}/api/auth/callback/oidc`, ...extraRedirectUris],
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
