import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { InvalidPhoneError, OwnRoleChangeError, UserNotFoundError, UsernameTakenError } from '../users/users.errors';
import { User } from '../users/entities/user.entity';
import { AgentPinsService } from './agent-pins.service';
import { AgentQueryService } from './agent-queries.service';
import { AgentsService } from './agents.service';
import { CatalogueService } from './catalogue.service';
import { AdminAgentsQuery, AdminSetPinDto, CreateAgentDto, CreateProductDto, UpdateProductDto } from './dto/pulsa.dto';
import {
  AdminAgentPageResponse,
  AdminAgentResponse,
  AdminProductResponse,
  AgentResponse,
  AgentStateResponse,
} from './dto/pulsa.responses';
import { InvalidPinError, NotAnAgentError, ProductExistsError, ProductNotFoundError } from './pulsa.errors';
import { SupplierRegistry } from './suppliers/supplier-registry';

/** The catalogue and the agents, for admins. */
@ApiTags('admin')
@Roles('admin')
@Controller('admin/pulsa')
export class AdminPulsaController {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly agents: AgentsService,
    private readonly pins: AgentPinsService,
    private readonly agentQueries: AgentQueryService,
    private readonly suppliers: SupplierRegistry,
  ) {}

  /** Every product, for sale or not. */
  @Get('products')
  async products(): Promise<AdminProductResponse[]> {
    return (await this.catalogue.list({ all: true })).map((p) => AdminProductResponse.ofAdmin(p));
  }

  @Post('products')
  @ApiErrors(ProductExistsError)
  async createProduct(@Body() body: CreateProductDto): Promise<AdminProductResponse> {
    const product = await this.catalogue.create({
      ...body,
      supplier: body.supplier ?? this.suppliers.defaultSupplier,
      active: body.active ?? true,
    });
    return AdminProductResponse.ofAdmin(product);
  }

  /** Changes only what is given; purchases already made keep their price and cost. */
  @Patch('products/:code')
  @ApiErrors(ProductNotFoundError)
  async updateProduct(@Param('code') code: string, @Body() body: UpdateProductDto): Promise<AdminProductResponse> {
    return AdminProductResponse.ofAdmin(await this.catalogue.update(code, body));
  }

  /** Removes a product; its purchases keep what they copied from it. */
  @Delete('products/:code')
  @HttpCode(204)
  @ApiErrors(ProductNotFoundError)
  async removeProduct(@Param('code') code: string): Promise<void> {
    await this.catalogue.remove(code);
  }

  /** Agents by username, with their PIN state, wallet and Telegram link; `q` searches usernames, names and phones. */
  @Get('agents')
  async listAgents(@Query() query: AdminAgentsQuery): Promise<AdminAgentPageResponse> {
    const page = await this.agentQueries.list(query);
    return { ...page, items: page.items.map((a) => AdminAgentResponse.of(a)) };
  }

  /** Creates an agent, or promotes an existing user, and returns a link for their own Telegram. */
  @Post('agents')
  @ApiErrors(InvalidPhoneError, UsernameTakenError, OwnRoleChangeError, InvalidPinError)
  async registerAgent(@CurrentUser() admin: User, @Body() body: CreateAgentDto): Promise<AgentResponse> {
    return AgentResponse.of(await this.agents.register(admin, body));
  }

  /** Sets an agent's PIN (and clears their count of wrong ones). */
  @Put('agents/:username/pin')
  @ApiErrors(UserNotFoundError, NotAnAgentError, InvalidPinError)
  async setPin(@Param('username') username: string, @Body() body: AdminSetPinDto): Promise<AgentStateResponse> {
    const agent = await this.agents.setPinByAdmin(username, body.pin);
    return { username: agent.username, ...(await this.pins.state(agent.id)) };
  }

  /** Lets an agent locked by wrong PINs buy again. */
  @Post('agents/:username/unlock')
  @HttpCode(200)
  @ApiErrors(UserNotFoundError, NotAnAgentError)
  async unlock(@Param('username') username: string): Promise<AgentStateResponse> {
    const { agent } = await this.agents.unlock(username);
    return { username: agent.username, ...(await this.pins.state(agent.id)) };
  }
}
