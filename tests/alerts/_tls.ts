/**
 * A throw-away certificate authority and a server certificate for one host
 * name, made with `openssl`, for HTTPS receivers in tests.
 *
 * @module
 */

/** PEM texts: the CA to trust, and the server's certificate and key. */
export interface TestCertificates {
  ca: string;
  cert: string;
  key: string;
}

async function openssl(dir: string, args: string[]): Promise<void> {
  const out = await new Deno.Command("openssl", { args, cwd: dir, stderr: "piped" }).output();
  if (!out.success) {
    throw new Error(`openssl ${args[0]} failed: ${new TextDecoder().decode(out.stderr)}`);
  }
}

/** A CA and a certificate for `name` (its only subject alternative name) signed by it. */
export async function certificatesFor(name: string): Promise<TestCertificates> {
  const dir = await Deno.makeTempDir({ prefix: "ercot-tls-" });
  try {
    const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];
    await openssl(dir, [
      "req",
      "-x509",
      ...ec,
      "-keyout",
      "ca.key",
      "-out",
      "ca.pem",
      "-days",
      "2",
      "-subj",
      "/CN=Test CA",
    ]);
    await openssl(dir, [
      "req",
      ...ec,
      "-keyout",
      "leaf.key",
      "-out",
      "leaf.csr",
      "-subj",
      `/CN=${name}`,
    ]);
    await Deno.writeTextFile(
      `${dir}/ext.cnf`,
      `subjectAltName=${
        /^[\d.]+$/.test(name) ? "IP" : "DNS"
      }:${name}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`,
    );
    await openssl(dir, [
      "x509",
      "-req",
      "-in",
      "leaf.csr",
      "-CA",
      "ca.pem",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-out",
      "leaf.pem",
      "-days",
      "2",
      "-extfile",
      "ext.cnf",
    ]);
    const read = (file: string) => Deno.readTextFile(`${dir}/${file}`);
    return { ca: await read("ca.pem"), cert: await read("leaf.pem"), key: await read("leaf.key") };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
