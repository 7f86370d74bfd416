export {
  setUpOrganisation,
  type Organisation,
  type RoleRow,
  type SetUpOrganisationInput,
} from './set-up-organisation.ts';
