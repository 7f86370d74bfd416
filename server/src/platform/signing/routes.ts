import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { spMetadataXml, type SigningKey } from './index.ts';

/**
 * `GET /sp/metadata.xml`: the SP `Metadata.xml` with the certificate that verifies binding
 * notifications. Public, as Huawei's own SP metadata is: it holds only a certificate.
 */
export function registerSigningRoutes(
  app: FastifyInstance,
  deps: { signingKey: SigningKey },
): void {
  app.get(
    '/sp/metadata.xml',
    {
      config: { auth: false },
      schema: {
        tags: ['Access configuration'],
        summary: 'SP Metadata.xml with the certificate that signs binding notifications',
        response: {
          200: Type.String({ description: 'SAML 2.0 metadata (XML)' }),
        },
      },
    },
    async (request, reply) => {
      const entityId = `${request.protocol}://${request.host}/sp/metadata.xml`;
      return reply
        .type('application/samlmetadata+xml; charset=utf-8')
        .header('Content-Disposition', 'attachment; filename="Metadata.xml"')
        .send(spMetadataXml(deps.signingKey, entityId));
    },
  );
}
