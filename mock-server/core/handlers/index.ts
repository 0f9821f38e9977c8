// Behaviour per operationId. An operation the spec has but this table lacks is
// answered from the spec's own example (see simulator.ts), never by a 404.
import { appointmentHandlers } from './appointments.ts';
import { carePlanHandlers } from './care-plans.ts';
import { catalogueHandlerSet } from './catalogue.ts';
import { chargeItemHandlers } from './charge-items.ts';
import type { Handler } from './context.ts';
import { documentHandlers } from './documents.ts';
import { encounterHandlers } from './encounters.ts';
import { peopleHandlers } from './people.ts';
import { relatedPersonHandlers } from './related-persons.ts';
import { tokenHandler } from './token.ts';

export const HANDLERS: Record<string, Handler> = {
  getAccessToken: tokenHandler,
  ...peopleHandlers('practitioners', {
    search: 'searchPractitioners',
    searchPost: 'searchPractitionersPost',
    create: 'createPractitioner',
    get: 'getPractitioner',
    update: 'updatePractitioner',
    remove: 'deletePractitioner',
  }),
  ...peopleHandlers('patients', {
    search: 'searchPatients',
    searchPost: 'searchPatientsPost',
    searchWithoutSlash: 'searchPatientsWithoutSlash',
    create: 'createPatient',
    get: 'getPatient',
    update: 'updatePatient',
    remove: 'deletePatient',
  }),
  ...appointmentHandlers,
  ...encounterHandlers,
  ...relatedPersonHandlers,
  ...catalogueHandlerSet,
  ...documentHandlers,
  ...carePlanHandlers,
  ...chargeItemHandlers,
};
